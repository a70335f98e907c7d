/**
 * The COG byte proxy's bounds: an upstream that ignores `Range` and sends a whole large file is
 * cut off where the range ends (the connection is dropped, the rest never read); more requests
 * at once, or more bytes held for answers in flight, than configured get a 429 JSON error with
 * Retry-After — and the proxy serves again once the requests in flight are done.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';
import { S2_SCENE, s2Item } from '../cache/helpers/test-items';
import { patternBytes, startLoopbackFiles, type LoopbackFiles } from './helpers/loopback-files';

const MiB = 1024 * 1024;

let files: LoopbackFiles;

async function startProxyService(overrides: Parameters<typeof startTestService>[0] = {}): Promise<TestService> {
  const svc = await startTestService({
    earthSearchUrl: `${files.url}/earth-search/v1`,
    landsatLookUrl: `${files.url}/landsatlook/stac-server`,
    planetaryComputerUrl: `${files.url}/planetary-computer/api/stac/v1`,
    pcSasUrl: `${files.url}/sas`,
    upstreamTimeoutMs: 20_000,
    ...overrides,
  });
  // The scene's bands point at the loopback file host (cogs/B04.tif, cogs/B08.tif, …).
  svc.service.context.cache.items.upsertMany([s2Item(files.url)]);
  return svc;
}

function read(svc: TestService, band: string, range?: string, method = 'GET'): Promise<Response> {
  return svc.api(`/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/${band}/cog`, { method, headers: range ? { range } : {} });
}

async function expectBusy(response: Response, limit: RegExp): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(limit);
}

beforeAll(async () => {
  files = await startLoopbackFiles();
});
afterAll(async () => {
  await files?.close();
});
afterEach(() => {
  files.release();
  files.ignoreRange = false;
});

describe('an upstream that ignores Range', () => {
  let svc: TestService;
  beforeAll(async () => { svc = await startProxyService(); });
  afterAll(async () => { await svc?.close(); });

  it('is read only up to the end of the range; the rest of a 1 GiB body is never transferred', async () => {
    const size = 1024 * MiB;
    files.put('/cogs/B04.tif', size);
    files.ignoreRange = true;
    const start = 6 * MiB + 123;
    const response = await read(svc, 'B04', `bytes=${start}-${start + 9999}`);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${start + 9999}/${size}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(patternBytes(start, start + 9999))).toBe(true);

    // Every answer the host started was a whole-file 200, and the service hung up on each of them.
    await vi.waitUntil(() => files.responses.every((r) => r.cutOff || r.finished), { timeout: 10_000 });
    const answers = files.responses.filter((r) => r.path === '/cogs/B04.tif');
    expect(answers.length).toBeGreaterThanOrEqual(2); // the header probe, then the range
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.declared).toBe(size);
      expect(answer.cutOff).toBe(true);
      // What the socket buffers took before the hang-up, not the file.
      expect(answer.written).toBeLessThan(64 * MiB);
    }
    // The byte cache counts what it kept, not what passed by.
    expect(svc.service.context.cache.report().upstream_bytes).toBeLessThan(2 * MiB);
  });

  it('keeps serving the proxy afterwards', async () => {
    files.ignoreRange = false;
    files.put('/cogs/B08.tif', 3 * MiB);
    const response = await read(svc, 'B08', 'bytes=2000000-2000099');
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).equals(patternBytes(2_000_000, 2_000_099))).toBe(true);
  });
});

describe('concurrent proxy requests', () => {
  let svc: TestService;
  beforeAll(async () => {
    files.put('/cogs/B04.tif', 2 * MiB);
    files.put('/cogs/B08.tif', 2 * MiB);
    files.put('/cogs/thumbnail.jpg', 64 * 1024);
    svc = await startProxyService({ proxyMaxRequests: 2 });
  });
  afterAll(async () => { await svc?.close(); });

  it('answers at most proxyMaxRequests at once; the next gets 429 with Retry-After, and later ones are served', async () => {
    files.hold();
    const first = read(svc, 'B04', 'bytes=0-999');
    const second = read(svc, 'B08', 'bytes=0-999');
    await vi.waitUntil(() => files.waiting === 2, { timeout: 10_000 });
    await expectBusy(await read(svc, 'thumbnail', 'bytes=0-9'), /ASTRA_PROXY_MAX_REQUESTS/);
    files.release();
    for (const response of [await first, await second]) {
      expect(response.status).toBe(206);
      expect(Buffer.from(await response.arrayBuffer()).equals(patternBytes(0, 999))).toBe(true);
    }
    const later = await read(svc, 'thumbnail', 'bytes=0-9');
    expect(later.status).toBe(206);
    expect(Buffer.from(await later.arrayBuffer()).equals(patternBytes(0, 9))).toBe(true);
  });
});

describe('bytes held for answers in flight', () => {
  let svc: TestService;
  beforeAll(async () => {
    files.put('/cogs/B04.tif', 8 * MiB);
    files.put('/cogs/B08.tif', 8 * MiB);
    svc = await startProxyService({ proxyMaxBufferedBytes: 2 * MiB });
    // Headers known (HEAD answers from them without holding bytes), so the reads below go straight to the body.
    for (const band of ['B04', 'B08']) expect((await read(svc, band, undefined, 'HEAD')).status).toBe(200);
  });
  afterAll(async () => { await svc?.close(); });

  it('refuses a read that would pass proxyMaxBufferedBytes while another holds them, and serves it afterwards', async () => {
    files.hold();
    const big = read(svc, 'B04', `bytes=0-${2 * MiB - 1}`);
    await vi.waitUntil(() => files.waiting === 1, { timeout: 10_000 });
    await expectBusy(await read(svc, 'B08', 'bytes=4000000-4000999'), /ASTRA_PROXY_MAX_BUFFERED_BYTES/);
    files.release();
    const answer = await big;
    expect(answer.status).toBe(206);
    expect(Buffer.from(await answer.arrayBuffer()).equals(patternBytes(0, 2 * MiB - 1))).toBe(true);
    const retry = await read(svc, 'B08', 'bytes=4000000-4000999');
    expect(retry.status).toBe(206);
    expect(Buffer.from(await retry.arrayBuffer()).equals(patternBytes(4_000_000, 4_000_999))).toBe(true);
  });

  it('streams a whole file larger than the limit to a lone reader, a chunk at a time', async () => {
    const whole = await read(svc, 'B08');
    expect(whole.status).toBe(200);
    const body = Buffer.from(await whole.arrayBuffer());
    expect(body.length).toBe(8 * MiB);
    expect(body.equals(patternBytes(0, 8 * MiB - 1))).toBe(true);
  });
});
