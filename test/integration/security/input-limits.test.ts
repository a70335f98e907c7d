/**
 * Input limits answer in the API's own JSON error format, never fastify's or Node's: `ids` at
 * most 500, a URL or headers too long (431), a path segment too long (414), bad percent-encoding,
 * bad JSON, a wrong content type, a body too large, malformed HTTP; a deeply nested `intersects`
 * (hundreds of thousands of brackets) is a 400, not a 500; no message echoes a huge input back;
 * `datetime` accepts years 0000–0099.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';

interface ErrorReply {
  status: number;
  error: { code: string; message: string; parameter?: string };
}

let rig: SearchRig;
beforeAll(async () => { rig = await startSearchRig({}, { bodyLimitBytes: 1024 * 1024 }); });
afterAll(async () => { await rig?.close(); });

async function errorOf(response: Response): Promise<ErrorReply> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error?: ErrorReply['error'] };
  expect(body.error, JSON.stringify(body).slice(0, 300)).toBeDefined();
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error!.code).toBe('string');
  expect(typeof body.error!.message).toBe('string');
  return { status: response.status, error: body.error! };
}

function postJson(path: string, body: string, contentType = 'application/json'): Promise<Response> {
  return rig.svc.api(path, { method: 'POST', headers: { 'content-type': contentType }, body });
}

/** One raw HTTP exchange, for requests fetch() will not send. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(rig.svc.port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => { data += chunk.toString('latin1'); });
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

function rawJson(reply: string): { status: number; body: ErrorReply['error'] } {
  const status = Number(reply.split(' ')[1]);
  expect(reply.slice(0, reply.indexOf('\r\n\r\n'))).toMatch(/content-type: application\/json/i);
  return { status, body: (JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as { error: ErrorReply['error'] }).error };
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `sentinel-2:S2A_29RKH_2020${String(i).padStart(4, '0')}_0_L2A`);

describe('ids', () => {
  it('takes up to 500 ids', async () => {
    const response = await postJson('/api/v1/search', JSON.stringify({ ids: ids(500) }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe('FeatureCollection');
  });

  it('refuses 501 ids with a 400 naming ids, in GET and POST', async () => {
    for (const response of [
      await postJson('/api/v1/search', JSON.stringify({ ids: ids(501) })),
      await rig.svc.api(`/api/v1/search?ids=${Array.from({ length: 501 }, (_, i) => `sentinel-2:${i}`).join(',')}`),
      await postJson('/api/v1/stac/search', JSON.stringify({ ids: ids(501) })),
    ]) {
      const { status, error } = await errorOf(response);
      expect(status).toBe(400);
      expect(error.parameter).toBe('ids');
      expect(error.message).toMatch(/at most 500/);
    }
  });
});

describe('oversized requests', () => {
  it('a URL longer than the header limit: 431 JSON', async () => {
    const { status, error } = await errorOf(await rig.svc.api(`/api/v1/search?ids=${ids(2000).join(',')}`));
    expect(status).toBe(431);
    expect(error.code).toBe('headers_too_large');
    expect(error.message).toMatch(/POST/);
  });

  it('a header too large: 431 JSON', async () => {
    const { status, error } = await errorOf(await rig.svc.api('/api/v1/health', { headers: { 'x-junk': 'j'.repeat(40_000) } }));
    expect(status).toBe(431);
    expect(error.code).toBe('headers_too_large');
  });

  it('a path segment longer than the router takes: 414 JSON', async () => {
    const { status, error } = await errorOf(await rig.svc.api(`/api/v1/scenes/sentinel-2:${'x'.repeat(5000)}`));
    expect(status).toBe(414);
    expect(error.code).toBe('uri_too_long');
    expect(error.message.length).toBeLessThan(300);
  });

  it('a body over the limit: 413 JSON', async () => {
    const { status, error } = await errorOf(await postJson('/api/v1/search', JSON.stringify({ bbox: 'x'.repeat(2 * 1024 * 1024) })));
    expect(status).toBe(413);
    expect(error.code).toBe('payload_too_large');
  });
});

describe("fastify's and Node's errors in the API format", () => {
  it('bad percent-encoding in the path: 400 JSON', async () => {
    const { status, error } = await errorOf(await rig.svc.api('/api/v1/scenes/%E0%A4%A'));
    expect(status).toBe(400);
    expect(error.code).toBe('invalid_parameter');
  });

  it('invalid and empty JSON bodies: 400 invalid_json', async () => {
    for (const body of ['{"bbox": ', '[[[', '\u0000\u0001', '{"a":1}garbage']) {
      const { status, error } = await errorOf(await postJson('/api/v1/search', body));
      expect(status, body).toBe(400);
      expect(error.code).toBe('invalid_json');
    }
    const empty = await errorOf(await rig.svc.api('/api/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    expect(empty.status).toBe(400);
  });

  it('a content type the route does not parse: 400 JSON naming content-type (text/plain arrives as text: naming body)', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'application/json-patch+json']) {
      const { status, error } = await errorOf(await postJson('/api/v1/search', 'bbox=1,2,3,4', type));
      expect(status, type).toBe(400);
      expect(error.parameter, type).toBe('content-type');
    }
    const text = await errorOf(await postJson('/api/v1/search', 'bbox=1,2,3,4', 'text/plain'));
    expect(text.status).toBe(400);
    expect(text.error.parameter).toBe('body');
  });

  it('an unknown route or method: 404 JSON without echoing a huge path', async () => {
    const { status, error } = await errorOf(await rig.svc.api(`/api/v1/${'nope/'.repeat(2000)}`));
    expect(status).toBe(404);
    expect(error.message.length).toBeLessThan(300);
    expect((await errorOf(await rig.svc.api('/api/v1/search', { method: 'PATCH' }))).status).toBe(404);
  });

  it('malformed HTTP and a bad Content-Length: 400 JSON on the socket', async () => {
    for (const request of [
      'GARBAGE\r\n\r\n',
      `POST /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1:${rig.svc.port}\r\nContent-Length: nope\r\n\r\n`,
      `GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${rig.svc.port}\r\nBad Header Line\r\n\r\n`,
    ]) {
      const reply = rawJson(await raw(request));
      expect(reply.status, request).toBe(400);
      expect(reply.body.code).toBe('invalid_parameter');
    }
  });
});

describe('deeply nested and huge inputs', () => {
  const depth = 300_000;
  const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('a deeply nested intersects is a 400 naming intersects on both search routes', async () => {
    for (const path of ['/api/v1/search', '/api/v1/stac/search']) {
      for (const type of ['Polygon', 'MultiPolygon', 'Point', 'GeometryCollection']) {
        const { status, error } = await errorOf(await postJson(path, `{"intersects":{"type":"${type}","coordinates":${deep}}}`));
        expect(status, `${path} ${type}`).toBe(400);
        expect(error.parameter).toBe('intersects');
        expect(error.message.length).toBeLessThan(400);
      }
    }
  });

  it('deep nesting anywhere else in a search body is a 400 too', async () => {
    for (const body of [`{"bbox":${deep}}`, `{"ids":${deep}}`, `{"sortby":${deep},"bbox":[0,0,1,1]}`, `{"query":${deep},"bbox":[0,0,1,1]}`, `{"deep":${deep}}`, deep]) {
      for (const path of ['/api/v1/search', '/api/v1/stac/search']) {
        const { status } = await errorOf(await postJson(path, body));
        expect(status, `${path} ${body.slice(0, 12)}`).toBe(400);
      }
    }
  });

  it('never echoes a huge value back', async () => {
    const huge = 'Z'.repeat(200_000);
    const cases: Array<Promise<Response>> = [
      rig.svc.api(`/api/v1/search?bbox=${'Z'.repeat(10_000)}`),
      rig.svc.api(`/api/v1/search?bbox=0,0,1,1&datetime=${'Z'.repeat(10_000)}`),
      rig.svc.api(`/api/v1/search?bbox=0,0,1,1&limit=${'9'.repeat(10_000)}x`),
      postJson('/api/v1/search', JSON.stringify({ [huge]: 1 })),
      postJson('/api/v1/search', JSON.stringify({ ids: [`sentinel-2${huge}`] })),
      postJson('/api/v1/search', JSON.stringify({ ids: [`nowhere:${huge}`] })),
      postJson('/api/v1/search', JSON.stringify({ bbox: [0, 0, 1, 1], collections: [`${huge}!`] })),
      postJson('/api/v1/search', JSON.stringify({ bbox: [0, 0, 1, 1], sources: [huge] })),
      postJson('/api/v1/search', JSON.stringify({ bbox: [0, 0, 1, 1], sortby: huge })),
      postJson('/api/v1/search', JSON.stringify({ bbox: [0, 0, 1, 1], sortby: [{ field: 'datetime', direction: huge }] })),
      postJson('/api/v1/search', JSON.stringify({ intersects: { type: huge, coordinates: [0, 0] } })),
      postJson('/api/v1/search', JSON.stringify({ intersects: { type: 'Point', coordinates: [huge, 0] } })),
      postJson('/api/v1/search', JSON.stringify({ intersects: { type: 'LineString', coordinates: Array(50_000).fill([500, 0]) } })),
      rig.svc.api(`/api/v1/scenes/${encodeURIComponent(`sentinel-2:${'Z'.repeat(90)}`)}/assets?bands=${'Z'.repeat(900)}`),
      postJson('/api/v1/keys', JSON.stringify({ name: 'k', [huge]: 1 })),
      rig.svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [huge]: true }) }),
    ];
    for (const pending of cases) {
      const { status, error } = await errorOf(await pending);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(error.message.length, error.message.slice(0, 200)).toBeLessThan(600);
      expect(error.message).not.toMatch(/Z{150}/);
      expect((error.parameter ?? '').length).toBeLessThanOrEqual(130);
    }
  });

  it('keeps serving afterwards', async () => {
    expect((await rig.svc.api('/api/v1/health')).status).toBe(200);
  });
});

describe('datetime years 0000–0099', () => {
  it('accepts 0001-01-01/.. and 0000-01-01T00:00:00Z/..', async () => {
    for (const datetime of ['0001-01-01/..', '0000-01-01T00:00:00Z/..', '0099-12-31/2025-01-01']) {
      const response = await rig.svc.api(`/api/v1/search?bbox=-180,-90,180,90&limit=1&datetime=${encodeURIComponent(datetime)}`);
      expect(response.status, datetime).toBe(200);
      expect(((await response.json()) as { type: string }).type).toBe('FeatureCollection');
    }
  });
});
