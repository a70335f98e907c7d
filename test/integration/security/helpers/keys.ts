/** Keys for the security tests: ordinary keys that may submit jobs, and an admin key. */
import { ADMIN_KEY_SCOPES } from '../../../../electron/service/keys/key-scopes';
import type { TestService } from '../../../helpers/test-service';

export interface TestKey {
  key: string;
  id: string;
}

/** A key that may read and submit jobs, and is not admin. */
export function processKey(svc: TestService, name: string): TestKey {
  const { key, id } = svc.service.context.keys.create(name, ['read', 'process']);
  return { key, id };
}

export function adminKey(svc: TestService, name = 'admin'): TestKey {
  const { key, id } = svc.service.context.keys.create(name, ADMIN_KEY_SCOPES);
  return { key, id };
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
