/**
 * Keys for the security tests: ordinary keys that may submit jobs, and an admin key.
 * NOTE: scopes (read/process/admin) come with the key-scopes work; until then a VerifiedKey has no
 * `scopes`, so `adminKey` adds `scopes` with `admin` to what the service's own KeyStore verifies for
 * that one key — the shape the scoped keys will have. Once keys carry scopes, make these
 * `keys.create(name, ['read', 'process'])` and `keys.create(name, ['admin'])` and drop the wrapper.
 */
import type { VerifiedKey } from '../../../../electron/service/keys/key-store';
import type { TestService } from '../../../helpers/test-service';

export interface TestKey {
  key: string;
  id: string;
}

/** A key that may read and submit jobs, and is not admin. */
export function processKey(svc: TestService, name: string): TestKey {
  const { key, id } = svc.service.context.keys.create(name);
  return { key, id };
}

export function adminKey(svc: TestService, name = 'admin'): TestKey {
  const created = processKey(svc, name);
  const keys = svc.service.context.keys;
  const verify = keys.verify.bind(keys);
  keys.verify = (candidate: string): VerifiedKey | null => {
    const verified = verify(candidate);
    return verified && verified.id === created.id ? Object.assign({}, verified, { scopes: ['read', 'process', 'admin'] }) : verified;
  };
  return created;
}

/** fetch against the service as `key`. */
export function apiAs(svc: TestService, key: TestKey, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key.key}`);
  return fetch(svc.url + path, { ...init, headers });
}

export function postJson(svc: TestService, key: TestKey, path: string, body: unknown): Promise<Response> {
  return apiAs(svc, key, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
