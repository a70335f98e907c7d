/**
 * The key check cannot be skipped by spelling a path differently: every route the server itself
 * reports is called without a key under many spellings of its path, over a raw socket so the
 * target arrives as written. Private routes answer 401 (when the router took the spelling for the
 * route) or the JSON 404 (when it matched nothing) — never 2xx. A new route is covered without
 * editing this file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';
import { privateRoutes, spellingsOf } from './path-spellings';
import { rawRequest } from './raw-request';

let svc: TestService;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'astra-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ASTRA</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  svc = await startTestService({ rendererDir });
});
afterAll(async () => {
  await svc?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

interface ErrorFields { code?: string; message?: string }

/** The body when it is an openEO error (`{id, code, message, links}`), else undefined. */
function openEoError(body: string): ErrorFields | undefined {
  try {
    const parsed = JSON.parse(body) as ErrorFields & { error?: unknown };
    return parsed.error === undefined && typeof parsed.code === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A 401 of the auth hook or a 404 of the not-found handler ("no route …"), in either format. */
function isNoKeyAnswer(status: number, error: ErrorFields | undefined, unauthorized: string, notFound: string): boolean {
  return status === 401 ? error?.code === unauthorized : error?.code === notFound && error.message?.startsWith('no route ') === true;
}

const bodyFor = (method: string) => (method === 'POST' || method === 'PUT' ? '{}' : undefined);
const jsonHeaders = (method: string): Record<string, string> => (bodyFor(method) ? { 'content-type': 'application/json' } : {});

describe('the server reports who may call each route', () => {
  it('lists every route with an access, and only health, the renderer files, the CORS preflight and openEO discovery are public', () => {
    const routes = svc.service.routes;
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.access === undefined)).toEqual([]);
    const publicRoutes = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`).sort();
    // openEO clients discover and sign in without a token; result downloads carry a signature instead (openeo/local/result-links.ts).
    const openEoPublic = ['', '/', '/.well-known/openeo', '/conformance', '/credentials/basic', '/file_formats', '/downloads/:job_id/:file']
      .flatMap((path) => ['GET', 'HEAD'].map((method) => `${method} /api/v1/openeo${path}`));
    expect(publicRoutes).toEqual(['GET /*', 'GET /api/v1/health', 'HEAD /*', 'HEAD /api/v1/health', 'OPTIONS *', ...openEoPublic].sort());
    // The key routes need admin, jobs need process, search needs read: spot checks of the declarations.
    const accessOf = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.access;
    expect(accessOf('POST', '/api/v1/keys')).toBe('admin');
    expect(accessOf('POST', '/api/v1/jobs')).toBe('process');
    expect(accessOf('GET', '/api/v1/search')).toBe('read');
  });
});

describe('every private route, every spelling, no key', () => {
  it('answers 401 or the JSON 404, never 2xx, and 401 whenever the router took the spelling for the route', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of privateRoutes(svc.service.routes)) {
      for (const spelling of spellingsOf(route.path, svc.port)) {
        const response = await rawRequest(svc.port, { method: route.method, target: spelling.target, headers: jsonHeaders(route.method), body: bodyFor(route.method) });
        calls += 1;
        const where = `${route.method} ${spelling.target} (${spelling.label})`;
        const expected = spelling.sameRoute ? [401] : [401, 404];
        if (!expected.includes(response.status)) failures.push(`${where} → ${response.status} ${response.body.slice(0, 120)}`);
        if (route.method !== 'HEAD' && response.status >= 400) {
          const error = (() => {
            try {
              return (JSON.parse(response.body) as { error?: { code?: string; message?: string } }).error;
            } catch {
              return undefined;
            }
          })();
          // A 404 must be the not-found handler's ("no route …"), never a handler's own 404. Under
          // /api/v1/openeo both come in openEO's format ({code, message} at the top).
          const ok = route.family === 'openeo' && openEoError(response.body)
            ? isNoKeyAnswer(response.status, openEoError(response.body), 'AuthenticationRequired', 'NotFound')
            : isNoKeyAnswer(response.status, error, 'unauthorized', 'not_found');
          if (!ok) failures.push(`${where} → not the JSON ${response.status === 401 ? '401' : 'no-route 404'}: ${response.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(500);
  });

  it('refuses a wrong key under the spellings the router accepts, too', async () => {
    const wrong = `astra_sk_live_${'Z'.repeat(40)}`;
    for (const target of ['/%61pi/v1/keys', `http://127.0.0.1:${svc.port}/api/v1/keys`, '/api/v1/k%65ys?x=1']) {
      const response = await rawRequest(svc.port, { method: 'GET', target, headers: { authorization: `Bearer ${wrong}` } });
      expect(response.status, target).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });
});

describe('public routes stay public', () => {
  it('serves health and the renderer without a key, under the spellings the router accepts', async () => {
    for (const target of ['/api/v1/health', '/%61pi/v1/health', `http://127.0.0.1:${svc.port}/api/v1/health`]) {
      const response = await rawRequest(svc.port, { method: 'GET', target });
      expect(response.status, target).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ status: 'ok' });
    }
    expect((await rawRequest(svc.port, { method: 'GET', target: '/' })).body).toContain('<title>ASTRA</title>');
    expect((await rawRequest(svc.port, { method: 'GET', target: '/assets/app.js' })).status).toBe(200);
  });

  it('answers a request that matches no route with the JSON 404, with or without a key', async () => {
    for (const [method, target] of [['GET', '/api/v1/nothing'], ['POST', '/api/v1/nothing'], ['DELETE', '/API/V1/KEYS'], ['PATCH', '/api/v1/keys']]) {
      for (const headers of [{}, { authorization: `Bearer ${svc.key}` }] as Array<Record<string, string>>) {
        const response = await rawRequest(svc.port, { method, target, headers });
        expect(response.status, `${method} ${target}`).toBe(404);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'not_found' } });
      }
    }
  });

  it('still answers a CORS preflight without a key', async () => {
    const response = await rawRequest(svc.port, {
      method: 'OPTIONS',
      target: '/api/v1/keys',
      headers: { origin: `http://127.0.0.1:${svc.port}`, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(`http://127.0.0.1:${svc.port}`);
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/i);
  });
});

describe('rate limiting follows the matched route', () => {
  let limited: TestService;
  beforeAll(async () => { limited = await startTestService({ rateLimitPerMinute: 3 }); });
  afterAll(async () => { await limited?.close(); });

  it('counts every spelling of a private route against the same key', async () => {
    const authorization = `Bearer ${limited.key}`;
    const targets = ['/api/v1/sources', '/%61pi/v1/sources', `http://127.0.0.1:${limited.port}/api/v1/sources`, '/api/v1/s%6Furces'];
    const statuses: number[] = [];
    for (const target of targets) statuses.push((await rawRequest(limited.port, { method: 'GET', target, headers: { authorization } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('counts requests whose body is refused, and refuses before reading the body', async () => {
    const key = limited.service.context.keys.create('bodies').key;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${limited.url}/%61pi/v1/search`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"bbox": [' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('does not count public routes', async () => {
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${limited.url}/api/v1/health`)).status).toBe(200);
  });
});
