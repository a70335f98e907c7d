/**
 * The one Range/ETag/304 decision both byte routes use (the COG proxy, job results), on a real
 * fastify server over loopback: RFC 9110's order — If-None-Match, then If-Range, then Range.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerConditionalRange } from '../../../electron/service/http/conditional-range';
import { installErrorHandling } from '../../../electron/service/http/error-handler';

const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const ETAG = '"v1"';
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = Fastify();
  installErrorHandling(app);
  app.route({
    method: ['GET', 'HEAD'],
    url: '/bytes/:size',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const size = Number((request.params as { size: string }).size);
      const answer = answerConditionalRange(request, reply, { size, etag: ETAG, what: 'the test bytes' });
      if (answer.kind === 'not-modified' || request.method === 'HEAD' || answer.end < answer.start) return reply.send();
      return reply.type('application/octet-stream').send(data.subarray(answer.start, answer.end + 1));
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => { await app?.close(); });

const get = (headers: Record<string, string> = {}, size = data.length, method = 'GET') => fetch(`${base}/bytes/${size}`, { method, headers });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('answerConditionalRange', () => {
  it('sends the whole file with Accept-Ranges, ETag and Content-Length when nothing is asked', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toBe(ETAG);
    expect(response.headers.get('content-length')).toBe('1000');
    expect((await bytesOf(response)).equals(data)).toBe(true);
  });

  it('answers a Range with 206 and Content-Range', async () => {
    const response = await get({ range: 'bytes=10-19' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(response.headers.get('content-length')).toBe('10');
    expect((await bytesOf(response)).equals(data.subarray(10, 20))).toBe(true);
  });

  it('is 304 for a matching If-None-Match, with or without a Range (If-None-Match is evaluated first)', async () => {
    expect((await get({ 'if-none-match': ETAG })).status).toBe(304);
    expect((await get({ 'if-none-match': `"other", W/${ETAG}`, range: 'bytes=0-9' })).status).toBe(304);
    expect((await get({ 'if-none-match': ETAG, range: 'bytes=5000-' })).status).toBe(304);
    expect((await get({ 'if-none-match': '"other"', range: 'bytes=0-9' })).status).toBe(206);
  });

  it('ignores the Range when If-Range is not the current ETag, and honours it when it is', async () => {
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"stale"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).length).toBe(1000);
    expect((await get({ range: 'bytes=0-9', 'if-range': ETAG })).status).toBe(206);
    // A stale If-Range also makes an unsatisfiable Range harmless: the whole file.
    expect((await get({ range: 'bytes=5000-', 'if-range': '"stale"' })).status).toBe(200);
  });

  it('is 416 with Content-Range bytes */size and a JSON error naming `range` past the end', async () => {
    const response = await get({ range: 'bytes=5000-' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
    const { error } = (await response.json()) as { error: { code: string; parameter: string; message: string } };
    expect(error).toMatchObject({ code: 'range_not_satisfiable', parameter: 'range' });
    expect(error.message).toBe('range: bytes=5000- is outside the 1000 bytes of the test bytes');
  });

  it('gives HEAD the same headers without a body, and an empty file an empty 200', async () => {
    const head = await get({ range: 'bytes=0-99' }, data.length, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('100');
    expect((await bytesOf(head)).length).toBe(0);
    const empty = await get({}, 0);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-length')).toBe('0');
    expect((await get({ range: 'bytes=-1' }, 0)).status).toBe(416);
  });
});
