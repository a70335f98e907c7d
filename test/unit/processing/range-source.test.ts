/**
 * The workers' COG byte source: headers and other small reads through a few cached 64 KiB blocks,
 * tiles as one exact Range request each, the end of the file, servers that ignore Range, and the
 * service's JSON errors carried as AppError-shaped errors (code + message).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RangeSource } from '../../../workers/tasks/cog/range-source';

const FILE = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 9)) & 0xff));
const requests: Array<string | undefined> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.headers.range);
    if (req.url === '/offline') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'service_unavailable', message: 'offline mode: B04 has not been cached' } }));
      return;
    }
    const match = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '');
    if (req.url === '/no-range' || !match) {
      res.writeHead(200, { 'content-length': FILE.length });
      res.end(FILE);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), FILE.length - 1);
    if (start >= FILE.length) {
      res.writeHead(416, { 'content-range': `bytes */${FILE.length}` });
      res.end();
      return;
    }
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${FILE.length}`, 'content-length': end - start + 1 });
    res.end(FILE.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const bytesOf = (buffer: ArrayBuffer) => Buffer.from(buffer);

describe('RangeSource', () => {
  it('serves small reads from cached blocks (one request per block) and large ones with one exact request', async () => {
    const source = new RangeSource(`${base}/file`, { authorization: 'Bearer k' });
    requests.length = 0;
    const [a, b] = await source.fetch([{ offset: 10, length: 1000 }, { offset: 65_000, length: 1000 }]);
    expect(bytesOf(a).equals(FILE.subarray(10, 1010))).toBe(true);
    expect(bytesOf(b).equals(FILE.subarray(65_000, 66_000))).toBe(true);
    expect(requests.sort()).toEqual(['bytes=0-65535', 'bytes=65536-131071']);
    await source.fetch([{ offset: 100, length: 50 }]);
    expect(requests).toHaveLength(2);
    const [tile] = await source.fetch([{ offset: 123_457, length: 100_000 }]);
    expect(bytesOf(tile).equals(FILE.subarray(123_457, 223_457))).toBe(true);
    expect(requests[2]).toBe('bytes=123457-223456');
  });

  it('returns what there is at the end of the file', async () => {
    const source = new RangeSource(`${base}/file`, {});
    const [tail] = await source.fetch([{ offset: 299_990, length: 1024 }]);
    expect(bytesOf(tail).equals(FILE.subarray(299_990))).toBe(true);
    const [past] = await source.fetch([{ offset: 400_000, length: 100_000 }]);
    expect(past.byteLength).toBe(0);
  });

  it('cuts the range out of a whole-file answer from a server that ignores Range', async () => {
    const [slice] = await new RangeSource(`${base}/no-range`, {}).fetch([{ offset: 200_000, length: 70_000 }]);
    expect(bytesOf(slice).equals(FILE.subarray(200_000, 270_000))).toBe(true);
  });

  it('turns the service\'s JSON error into an AppError-shaped error with its code and message', async () => {
    const failure = await new RangeSource(`${base}/offline`, {}).fetch([{ offset: 0, length: 100_000 }]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'AppError', code: 'service_unavailable' });
    expect((failure as Error).message).toMatch(/could not read bytes 0-99999 of .*\/offline: offline mode: B04 has not been cached/);
  });
});
