/**
 * Key scopes against the real service: read / process / admin, the default of POST /api/v1/keys,
 * validation of `scopes`, 403 naming the missing scope, and the per-launch keys (session: admin;
 * internal processing key: read + process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyScope } from '../../../electron/service/keys/key-scopes';
import { startTestService, type TestService } from '../../helpers/test-service';
import { rawRequest } from './raw-request';

const SESSION_KEY = `astra_sk_live_${'S'.repeat(40)}`;
let svc: TestService;
let readKey: string;
let processKey: string;
let defaultKey: string;

async function createKey(body: Record<string, unknown>, key = svc.key): Promise<Response> {
  return svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
}

async function keyWith(scopes: KeyScope[] | string | undefined, name = 'k'): Promise<{ key: string; id: string; scopes: KeyScope[] }> {
  const response = await createKey(scopes === undefined ? { name } : { name, scopes });
  expect(response.status).toBe(201);
  return (await response.json()) as { key: string; id: string; scopes: KeyScope[] };
}

function as(key: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(svc.url + path, { ...init, headers });
}

async function expectMissingScope(response: Response, scope: KeyScope): Promise<void> {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(response.headers.get('www-authenticate')).toBe(`Bearer realm="astra", error="insufficient_scope", scope="${scope}"`);
  const { error } = (await response.json()) as { error: { code: string; message: string; scope: string } };
  expect(error.code).toBe('insufficient_scope');
  expect(error.scope).toBe(scope);
  expect(error.message).toContain(`"${scope}"`);
}

beforeAll(async () => {
  svc = await startTestService({ sessionKey: SESSION_KEY });
  readKey = (await keyWith(['read'], 'reader')).key;
  processKey = (await keyWith('process', 'processor')).key;
  defaultKey = (await keyWith(undefined, 'default')).key;
});
afterAll(async () => { await svc?.close(); });

describe('creating keys with scopes', () => {
  it('defaults to read,process and shows each key\'s scopes in the list', async () => {
    const created = await keyWith(undefined, 'no scopes named');
    expect(created.scopes).toEqual(['read', 'process']);
    const { keys } = (await (await svc.api('/api/v1/keys')).json()) as { keys: Array<{ id: string; name: string; scopes: KeyScope[] }> };
    const byName = Object.fromEntries(keys.map((k) => [k.name, k.scopes]));
    expect(byName).toMatchObject({ test: ['read', 'process', 'admin'], reader: ['read'], processor: ['process'], default: ['read', 'process'], 'no scopes named': ['read', 'process'] });
  });

  it('takes an array or a comma-separated string, in any order, and stores the canonical list', async () => {
    expect((await keyWith(['admin', 'read', 'admin'])).scopes).toEqual(['read', 'admin']);
    expect((await keyWith(' process , read ')).scopes).toEqual(['read', 'process']);
    expect((await keyWith('read,process,admin')).scopes).toEqual(['read', 'process', 'admin']);
  });

  it('refuses invalid scopes with a 400 naming `scopes`, and creates nothing', async () => {
    const before = ((await (await svc.api('/api/v1/keys')).json()) as { keys: unknown[] }).keys.length;
    for (const scopes of ['root', ['read', 'root'], [], '', ',', 42, { read: true }, [null], 'READ']) {
      const response = await createKey({ name: 'bad', scopes });
      expect(response.status, JSON.stringify(scopes)).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; parameter: string; message: string } };
      expect(error).toMatchObject({ code: 'invalid_parameter', parameter: 'scopes' });
      expect(error.message).toMatch(/^scopes: /);
    }
    const after = ((await (await svc.api('/api/v1/keys')).json()) as { keys: unknown[] }).keys.length;
    expect(after).toBe(before);
  });

  it('lets only an admin key create, list or revoke keys', async () => {
    const victim = await keyWith(['read'], 'victim');
    for (const key of [readKey, processKey, defaultKey]) {
      await expectMissingScope(await createKey({ name: 'escalate', scopes: ['admin'] }, key), 'admin');
      await expectMissingScope(await as(key, '/api/v1/keys'), 'admin');
      await expectMissingScope(await as(key, `/api/v1/keys/${victim.id}`, { method: 'DELETE' }), 'admin');
    }
    // The victim still works: nothing was revoked.
    expect((await as(victim.key, '/api/v1/sources')).status).toBe(200);
    // An admin key made through the API can manage keys in turn.
    const admin = await keyWith(['admin'], 'second admin');
    expect((await as(admin.key, '/api/v1/keys')).status).toBe(200);
    expect((await as(admin.key, `/api/v1/keys/${victim.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await as(victim.key, '/api/v1/sources')).status).toBe(401);
  });
});

describe('what each scope may do', () => {
  it('read: sources, search-side routes and the OpenAPI document; not jobs, keys or settings', async () => {
    expect((await as(readKey, '/api/v1/sources')).status).toBe(200);
    expect((await as(readKey, '/api/v1/openapi.json')).status).toBe(200);
    expect((await as(readKey, '/api/v1/stac/conformance')).status).toBe(200);
    expect((await as(readKey, '/api/v1/settings')).status).toBe(200);
    await expectMissingScope(await as(readKey, '/api/v1/jobs', { method: 'POST', body: JSON.stringify({ type: 'ndvi' }) }), 'process');
    await expectMissingScope(await as(readKey, '/api/v1/jobs'), 'process');
    await expectMissingScope(await as(readKey, '/api/v1/cache/offline', { method: 'POST', body: JSON.stringify({ scene: 'x', bands: ['B04'] }) }), 'process');
    await expectMissingScope(await as(readKey, '/api/v1/settings', { method: 'PUT', body: JSON.stringify({ offline: true }) }), 'admin');
    await expectMissingScope(await as(readKey, '/api/v1/cache', { method: 'DELETE' }), 'admin');
    // The refused change really did not happen.
    expect(await (await as(readKey, '/api/v1/settings')).json()).toEqual({ offline: false, results_max_age_days: null, results_max_bytes: null, openeo_backends: [] });
  });

  it('process: submits and lists jobs, but neither reads the catalog nor manages keys', async () => {
    // Past auth and scope, the job kind itself judges the body: a 400 about `type`, not a 403.
    const submitted = await as(processKey, '/api/v1/jobs', { method: 'POST', body: JSON.stringify({ type: 'no-such-kind' }) });
    expect(submitted.status).toBe(400);
    expect(await submitted.json()).toMatchObject({ error: { code: 'invalid_parameter', parameter: 'type' } });
    expect((await as(processKey, '/api/v1/jobs')).status).toBe(200);
    await expectMissingScope(await as(processKey, '/api/v1/sources'), 'read');
    await expectMissingScope(await as(processKey, '/api/v1/keys'), 'admin');
  });

  it('admin only: a key with just admin manages settings but cannot search', async () => {
    const admin = await keyWith(['admin'], 'admin only');
    expect((await as(admin.key, '/api/v1/settings', { method: 'PUT', body: JSON.stringify({ offline: false }) })).status).toBe(200);
    await expectMissingScope(await as(admin.key, '/api/v1/sources'), 'read');
  });

  it('the scope follows the matched route under other spellings of its path too', async () => {
    for (const target of ['/%61pi/v1/keys', `http://127.0.0.1:${svc.port}/api/v1/keys`]) {
      const response = await rawRequest(svc.port, { method: 'GET', target, headers: { authorization: `Bearer ${readKey}` } });
      expect(response.status, target).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'insufficient_scope', scope: 'admin' } });
    }
  });
});

describe('per-launch keys', () => {
  it('the desktop session key is admin', async () => {
    expect((await as(SESSION_KEY, '/api/v1/keys')).status).toBe(200);
    expect((await as(SESSION_KEY, '/api/v1/sources')).status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('gives each operation the access its route declares', async () => {
    const doc = (await (await svc.api('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[]; 'x-required-scope'?: string; responses: Record<string, unknown> }>> };
    expect(doc.paths['/api/v1/health'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/keys'].post['x-required-scope']).toBe('admin');
    expect(doc.paths['/api/v1/jobs'].post['x-required-scope']).toBe('process');
    expect(doc.paths['/api/v1/search'].get['x-required-scope']).toBe('read');
    expect(doc.paths['/api/v1/scenes/{id}/assets/{band}/cog'].head['x-required-scope']).toBe('read');
    expect(Object.keys(doc.paths['/api/v1/settings'].put.responses)).toContain('403');
    // Every operation but health names its scope.
    const unnamed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => !op['x-required-scope'] && path !== '/api/v1/health').map(([m]) => `${m} ${path}`));
    expect(unnamed).toEqual([]);
  });
});
