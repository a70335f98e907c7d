/**
 * Every route the running service registered (taken from the server, so a new route is fuzzed
 * without editing this file) gets malformed input with a valid key: junk path parameters, query
 * strings and bodies — wrong types, huge strings, unicode junk, negative/NaN/huge numbers, deep
 * nesting, invalid JSON, wrong content types. Every answer must be below 500 and, when it is an
 * error, the API's JSON error body — on the local openEO back-end's routes (family `openeo`,
 * called with an openEO access token) openEO's error body `{id, code, message}`; the service keeps serving. Inputs come from a seeded
 * generator: a failure names its seed and case, and FUZZ_SEED=<n> replays another sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';
import { seededRandom } from '../../helpers/seeded-random';

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_112);
const CASES_PER_ROUTE = 24;

/** Parameter names the API documents, besides those the OpenAPI document lists. */
const KNOWN_NAMES = [
  'bbox', 'intersects', 'ids', 'datetime', 'cloud_cover_lt', 'sources', 'collections', 'limit', 'sortby', 'cursor', 'token', 'query',
  'fields', 'bands', 'format', 'scope', 'name', 'scopes', 'offline', 'type', 'scene', 'index', 'expression', 'threshold', 'before',
  'after', 'mask_clouds', 'key', 'status',
  // openEO
  'process', 'process_graph', 'title', 'description', 'plan', 'budget', 'log_level', 'partial', 'offset', 'level', 'run', 'expires', 'sig',
];

const JUNK_TEXT = [
  '', ' ', '-1', '0', '-0', '1.5', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '9'.repeat(400), 'null', 'true', '[]', '{}', '[[[[',
  '%', '%00', '%zz', '\u0000', '\u0000\u0001\u0002', '😀'.repeat(60), '\uD800', '\uFFFF', 'Ω≈ç√∫˜µ≤≥÷', 'ﷺ', '\u202E\u202D', '../../etc/passwd',
  '<script>alert(1)</script>', "' OR 1=1 --", 'a'.repeat(5000), ',,,,', '1,2,3', '-180,-90,180,90', '181,91,-181,-91', '0,0,0,0',
  'sentinel-2:', ':x', 'sentinel-2:S2A_29RKH_20200219_0_L2A', 'planetary-computer:../../x', 'landsat:%2e%2e%2f', 'key_0123456789abcdef',
  'job_0123456789abcdef', 'B04', 'red,nir', '0001-01-01/..', '9999-12-31T23:59:59Z', '2024-02-30', '../..', '/', '-datetime', '+eo:cloud_cover',
  '{"type":"Point","coordinates":[0,0]}', 'all', 'tiles', 'ndvi', '(nir-red)/(nir+red)', '('.repeat(3000), 'astra_sk_live_' + 'x'.repeat(40),
];

const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/json', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/octet-stream', 'image/tiff', '', 'application/geo+json',
];

type Random = () => number;

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

function junkText(random: Random): string {
  const base = pick(random, JUNK_TEXT);
  const roll = random();
  if (roll < 0.15) return base + pick(random, JUNK_TEXT);
  if (roll < 0.2) return base.repeat(1 + Math.floor(random() * 50));
  return base;
}

function deep(depth: number, open = '[', close = ']'): string {
  return `${open.repeat(depth)}${close.repeat(depth)}`;
}

/** A JSON value of any shape, as text (so NaN-like and huge numbers can be written literally). */
function junkJson(random: Random, names: readonly string[], level = 0): string {
  const roll = random();
  if (roll < 0.2) return JSON.stringify(junkText(random));
  if (roll < 0.35) return pick(random, ['-1', '0', '1e308', '-1e308', '1e-320', '123456789012345678901234567890', '0.5', '-0', '500', '501']);
  if (roll < 0.45) return pick(random, ['null', 'true', 'false', '[]', '{}', '""']);
  if (roll < 0.5) return deep(1000 + Math.floor(random() * 20_000), pick(random, ['[', '{"a":']), pick(random, [']', '}']));
  if (roll < 0.7 && level < 3) {
    return `[${Array.from({ length: Math.floor(random() * 5) }, () => junkJson(random, names, level + 1)).join(',')}]`;
  }
  if (level < 3) {
    const keys = Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.8 ? pick(random, names) : junkText(random)));
    return `{${keys.map((key) => `${JSON.stringify(key)}:${junkJson(random, names, level + 1)}`).join(',')}}`;
  }
  return '0';
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 it would be (%ED%A0%80). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.split(/[\uD800-\uDFFF]/).map(encodeURIComponent).join('%ED%A0%80');
  }
}

function junkPathValue(random: Random): string {
  const value = junkText(random);
  // Mostly encoded as a client would; sometimes raw, so bad escapes and extra slashes reach the router.
  return random() < 0.8 ? encode(value) : value.replace(/[\s#?]/g, '');
}

function junkQuery(random: Random, names: readonly string[]): string {
  const parts: string[] = [];
  for (let i = Math.floor(random() * 5); i > 0; i -= 1) {
    const name = random() < 0.85 ? pick(random, names) : junkText(random);
    const value = junkText(random);
    parts.push(random() < 0.9 ? `${encode(name)}=${encode(value)}` : `${name}=${value}`.replace(/[\s#]/g, ''));
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function junkBody(random: Random, names: readonly string[]): { body: string | Buffer; type: string } {
  const roll = random();
  const type = pick(random, CONTENT_TYPES);
  if (roll < 0.5) return { body: junkJson(random, names), type };
  if (roll < 0.6) return { body: pick(random, ['{', '{"a":}', '{"bbox": [1,2,', '[1,2', '"unterminated', 'nul', '{"a":1}{"b":2}', '\u0000', '{"a":NaN}', '{"a":Infinity}']), type };
  if (roll < 0.7) return { body: Buffer.from(Array.from({ length: 1 + Math.floor(random() * 512) }, () => Math.floor(random() * 256))), type };
  if (roll < 0.8) return { body: JSON.stringify({ [pick(random, names)]: 'x'.repeat(200_000 + Math.floor(random() * 600_000)) }), type: 'application/json' };
  return { body: junkText(random), type };
}

function fillPath(pattern: string, random: Random): string {
  if (pattern === '*') return `/api/v1/${junkPathValue(random)}`;
  return pattern.replace(/:[A-Za-z_]+/g, () => junkPathValue(random));
}

function requestsFor(route: { method: string; url: string }, random: Random, names: readonly string[]): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const withBody = ['POST', 'PUT', 'DELETE', 'PATCH'].includes(route.method);
  for (let i = 0; i < CASES_PER_ROUTE; i += 1) {
    const request: FuzzRequest = { method: route.method, path: fillPath(route.url, random) + junkQuery(random, names), headers: {} };
    if (withBody && random() < 0.85) {
      const { body, type } = junkBody(random, names);
      request.body = body;
      if (type) request.headers['content-type'] = type;
    }
    if (route.method === 'OPTIONS') request.headers['access-control-request-method'] = pick(random, ['GET', 'POST', 'PUT', 'DELETE', 'TRACE', '']);
    if (random() < 0.15) request.headers.range = pick(random, ['bytes=0-0', 'bytes=-1', 'bytes=5-1', 'bytes=0-1,5-9', 'bytes=99999999999-', 'pages=1', 'bytes=abc']);
    out.push(request);
  }
  if (withBody) {
    // Deep nesting sent to every route that takes a body, whole and as each parameter's value.
    out.push({ method: route.method, path: fillPath(route.url, random), headers: { 'content-type': 'application/json' }, body: deep(250_000) });
    for (const name of ['intersects', 'bbox', 'scene', 'name']) {
      out.push({ method: route.method, path: fillPath(route.url, random), headers: { 'content-type': 'application/json' }, body: `{"${name}":{"type":"Polygon","coordinates":${deep(200_000)}}}` });
    }
  }
  return out;
}

function describeCase(route: { method: string; url: string }, index: number, request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` body(${request.headers['content-type'] ?? 'none'})=${String(request.body).slice(0, 120)}`;
  return `seed ${SEED}, ${route.method} ${route.url} case ${index}: ${request.method} ${request.path.slice(0, 200)}${body}`;
}

/**
 * Whether a request goes to the local openEO back-end: its path as sent (fetch resolves dot
 * segments, so `/api/v1/openeo/jobs/../../x` asks for `/api/v1/x`) is under /api/v1/openeo.
 */
function toOpenEo(request: FuzzRequest): boolean {
  const path = new URL(request.path, 'http://127.0.0.1').pathname;
  return path === '/api/v1/openeo' || path.startsWith('/api/v1/openeo/');
}

/** Whether an error body is in the format of where it went: the ASTRA `{error: {code, message}}`, or openEO's `{id, code, message}`. */
function inErrorFormat(request: FuzzRequest, body: Record<string, unknown>): boolean {
  if (toOpenEo(request)) return typeof body.id === 'string' && typeof body.code === 'string' && typeof body.message === 'string' && body.error === undefined;
  const error = body.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error?.code === 'string' && typeof error?.message === 'string';
}

/** What is wrong with an answer, or null when it is what the API promises. */
function judge(route: { url: string; family?: string }, request: FuzzRequest, status: number, type: string | null, text: string): string | null {
  if (status >= 500) return `${status} ${text.slice(0, 300)}`;
  if (status >= 400) {
    if (!/^application\/json/.test(type ?? '')) return `${status} with content-type ${type}: ${text.slice(0, 200)}`;
    if (request.method === 'HEAD') return null;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return `${status} with a body that is not JSON: ${text.slice(0, 200)}`;
    }
    if (!inErrorFormat(request, body)) return `${status} not in the error format: ${text.slice(0, 300)}`;
    if (text.length > 3000) return `${status} error body of ${text.length} characters`;
    return null;
  }
  const binary = /\/cog$|\.tif$|\/downloads\//.test(route.url) || !route.url.startsWith('/api/');
  if (request.method === 'HEAD' || text.length === 0 || binary) return null;
  if (!/^application\/([\w.-]+\+)?json/.test(type ?? '')) return `${status} with content-type ${type}`;
  try {
    JSON.parse(text);
  } catch {
    return `${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  return null;
}

let rig: SearchRig;
let names: string[] = [];
/** An access token of the local openEO back-end for the rig's key (its routes take no keys). */
let openEoToken = '';

beforeAll(async () => {
  rig = await startSearchRig({}, { rateLimitPerMinute: 1_000_000 });
  const doc = (await (await rig.svc.api('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> };
  const documented = Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op.parameters ?? []).map((p) => p.name)));
  names = [...new Set([...documented, ...KNOWN_NAMES])];
  const signIn = await fetch(`${rig.svc.url}/api/v1/openeo/credentials/basic`, { headers: { authorization: `Basic ${Buffer.from(`fuzz:${rig.svc.key}`).toString('base64')}` } });
  openEoToken = ((await signIn.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await rig?.close();
});

describe('malformed input on every route', () => {
  it('is answered below 500, errors always in the JSON error format', async () => {
    const routes = rig.svc.service.routes;
    expect(routes.length).toBeGreaterThan(20);
    const random = seededRandom(SEED);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let openEoPastAuth = 0;
    for (const route of routes) {
      const requests = requestsFor(route, random, names);
      for (const [index, request] of requests.entries()) {
        if (route.family === 'openeo' && route.url !== '/api/v1/openeo/credentials/basic') request.headers.authorization = `Bearer basic//${openEoToken}`;
        const what = describeCase(route, index, request);
        const response = await rig.svc.api(request.path, { method: request.method, headers: request.headers, body: request.body });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (route.family === 'openeo' && response.status !== 401 && response.status !== 403) openEoPastAuth += 1;
        const problem = judge(route, request, response.status, response.headers.get('content-type'), await response.text());
        if (problem) failures.push(`${what} → ${problem}`);
      }
    }
    // One line per route and kind of problem is enough to start from.
    const firstOfEach = [...new Map(failures.map((f) => [f.replace(/ case \d+:.*→ (\d+).*$/, ' $1'), f])).values()];
    expect(failures.length, firstOfEach.slice(0, 30).join('\n')).toBe(0);
    // The fuzz reached the validators, not only the router: most answers are 4xx of several kinds.
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(3);
    // The openEO routes were called with a valid token, so their validators and handlers were reached too.
    expect(openEoPastAuth).toBeGreaterThan(300);
  }, 600_000);

  it('keeps serving: health and a valid search still answer', async () => {
    expect((await rig.svc.api('/api/v1/health')).status).toBe(200);
    await rig.svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"offline":false}' });
    const search = await rig.svc.api('/api/v1/search?bbox=-180,-90,180,90&limit=2');
    expect(search.status).toBe(200);
    expect(((await search.json()) as { type: string }).type).toBe('FeatureCollection');
  });
});
