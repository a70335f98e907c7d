import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startTestService, type TestService } from '../../helpers/test-service';

let svc: TestService;
beforeAll(async () => { svc = await startTestService({ bodyLimitBytes: 2048 }); });
afterAll(async () => { await svc?.close(); });

/** fetch() forbids setting Host, so the guard is exercised with node:http. */
function getWithHost(host: string, path = '/api/v1/health'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: svc.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host guard (DNS rebinding)', () => {
  it('serves loopback names at our port', async () => {
    for (const host of [`127.0.0.1:${svc.port}`, `localhost:${svc.port}`]) {
      expect((await getWithHost(host)).status, host).toBe(200);
    }
  });

  it('refuses other hosts with 403 JSON', async () => {
    for (const host of ['evil.example', `evil.example:${svc.port}`, `127.0.0.1:${svc.port + 1}`]) {
      const res = await getWithHost(host);
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('forbidden');
    }
  });
});

describe('requests without a Host header', () => {
  it('are refused too (HTTP/1.0 over a raw socket)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(svc.port, '127.0.0.1', () => socket.end('GET /api/v1/health HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => { data += c; });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply.split('\r\n')[0]).toMatch(/ 403 /);
  });
});

describe('JSON errors', () => {
  it('malformed JSON body → 400 invalid_json naming the body', async () => {
    const response = await svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: Record<string, string> };
    expect(error.code).toBe('invalid_json');
    expect(error.parameter).toBe('body');
    expect(JSON.stringify(error)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('schema violations → 400 naming the parameter', async () => {
    const missing = await svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { parameter: string } }).error.parameter).toBe('name');

    const extra = await svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"a","admin":true}' });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { parameter: string } }).error.parameter).toBe('admin');

    const wrongType = await svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":""}' });
    expect(wrongType.status).toBe(400);
  });

  it('oversized body → 413 JSON', async () => {
    const response = await svc.api('/api/v1/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('unknown route → 404 JSON', async () => {
    const response = await svc.api('/api/v1/nope');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('keeps serving after bad input', async () => {
    expect((await svc.api('/api/v1/keys')).status).toBe(200);
  });
});
