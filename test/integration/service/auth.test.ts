import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';

let svc: TestService;
beforeAll(async () => { svc = await startTestService(); });
afterAll(async () => { await svc?.close(); });

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('bearer authentication', () => {
  it('lets health through without a key', async () => {
    const response = await fetch(`${svc.url}/api/v1/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; version: unknown };
    expect(body).toMatchObject({ status: 'ok' });
    expect(typeof body.version).toBe('string');
  });

  it('answers 401 with no key', async () => {
    const response = await fetch(`${svc.url}/api/v1/keys`);
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthorized');
  });

  it('answers 401 for a malformed key and a malformed header', async () => {
    for (const header of ['Bearer not-a-key', 'Basic abc', 'Bearer', 'Bearer astra_sk_live_short']) {
      const response = await svc.api('/api/v1/keys', { headers: { authorization: header } });
      expect(response.status, header).toBe(401);
      expect((await errorOf(response)).code).toBe('unauthorized');
    }
  });

  it('answers 401 for a well-formed but unknown key', async () => {
    const unknown = 'astra_sk_live_' + 'A'.repeat(40);
    const response = await svc.api('/api/v1/keys', { headers: { authorization: `Bearer ${unknown}` } });
    expect(response.status).toBe(401);
  });

  it('accepts a valid key, then refuses it once revoked', async () => {
    const created = await svc.api('/api/v1/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'to revoke' }),
    });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    expect(key).toMatch(/^astra_sk_live_[0-9A-Za-z]{32,}$/);

    // A key made over the API has the default scopes (read, process): it reads, manages no keys.
    const ok = await svc.api('/api/v1/sources', { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    const listed = (await (await svc.api('/api/v1/keys')).json()) as { keys: Array<Record<string, unknown>> };
    expect(listed.keys.map((k) => k.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(key);

    const revoked = await svc.api(`/api/v1/keys/${id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    const after = await svc.api('/api/v1/sources', { headers: { authorization: `Bearer ${key}` } });
    expect(after.status).toBe(401);
  });

  it('answers 404 JSON for revoking an unknown key id', async () => {
    const response = await svc.api('/api/v1/keys/key_0000000000000000', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});
