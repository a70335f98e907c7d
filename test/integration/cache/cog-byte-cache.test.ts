import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SasSigner } from '../../../electron/service/assets/sas-signer';
import { createDataHostPolicy } from '../../../electron/service/assets/data-host-policy';
import { createGuardedFetch } from '../../../electron/service/assets/guarded-fetch';
import { createRangeFetcher } from '../../../electron/service/assets/upstream-range-fetch';
import { BLOCK_SIZE } from '../../../electron/service/cache/block-math';
import { BlockStore } from '../../../electron/service/cache/block-store';
import { CogByteCache } from '../../../electron/service/cache/cog-byte-cache';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import type { FakeUpstream } from '../../helpers/fake-upstream';
import { startEmptyUpstream } from './helpers/cache-rig';
import { makeCog, S2_B04 } from './helpers/make-cogs';
import { seededRandom } from './helpers/random-items';

let upstream: FakeUpstream;
let file: Buffer;
let url: string;
let dir: string;
let db: Db;
let offline = false;

beforeAll(async () => {
  upstream = await startEmptyUpstream();
  file = readFileSync(makeCog(S2_B04, 'b04', { blockSize: 256 }));
  url = upstream.serveFile('/cogs/B04.tif', file, { etag: '"v1"' });
});
afterAll(async () => { await upstream?.close(); });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-bytes-'));
  db = openDatabase(join(dir, 'astra.sqlite'));
  upstream.resetLog();
  upstream.resetFaults();
  offline = false;
});
/** Stores made by makeCache, closed after each test (their touch-flush timer would outlive the database). */
const stores: BlockStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function makeCache(limit = 1024 ** 3, database = db) {
  const store = new BlockStore(database, limit);
  stores.push(store);
  const signer = new SasSigner({ sasUrl: upstream.sasUrl, timeoutMs: 5000 });
  const fetch = createGuardedFetch(createDataHostPolicy({ origins: [upstream.url], hosts: [] }));
  const bytes = new CogByteCache(store, createRangeFetcher({ signer, fetch }), { offline: () => offline, upstreamTimeoutMs: 5000 });
  return { store, bytes };
}

describe('CogByteCache', () => {
  it('returns exactly the file bytes for random ranges, and a second read makes no upstream request', async () => {
    const { bytes } = makeCache();
    const random = seededRandom(11);
    const ranges = Array.from({ length: 40 }, () => {
      const start = Math.floor(random() * file.length);
      return [start, Math.min(file.length - 1, start + Math.floor(random() * 300_000))] as const;
    });
    for (const [start, end] of ranges) expect((await bytes.read(url, start, end)).equals(file.subarray(start, end + 1))).toBe(true);
    const requests = upstream.fileRequests().length;
    expect(requests).toBeGreaterThan(1);
    for (const [start, end] of ranges) expect((await bytes.read(url, start, end)).equals(file.subarray(start, end + 1))).toBe(true);
    expect(upstream.fileRequests().length).toBe(requests);
  });

  it('fetches a missing contiguous run with one Range request of whole blocks', async () => {
    const { bytes } = makeCache();
    await bytes.stat(url);
    upstream.resetLog();
    await bytes.read(url, BLOCK_SIZE + 10, 4 * BLOCK_SIZE + 5);
    expect(upstream.fileRequests().map((r) => r.headers.range)).toEqual([`bytes=${BLOCK_SIZE}-${5 * BLOCK_SIZE - 1}`]);
    await bytes.read(url, 0, 6 * BLOCK_SIZE - 1);
    expect(upstream.fileRequests().map((r) => r.headers.range)).toEqual([`bytes=${BLOCK_SIZE}-${5 * BLOCK_SIZE - 1}`, `bytes=${5 * BLOCK_SIZE}-${6 * BLOCK_SIZE - 1}`]);
  });

  it('makes ONE upstream fetch for concurrent readers of the same blocks', async () => {
    const { bytes } = makeCache();
    await bytes.stat(url);
    upstream.resetLog();
    upstream.faults.files.latencyMs = 50;
    try {
      const reads = await Promise.all(Array.from({ length: 8 }, () => bytes.read(url, 200_000, 300_000)));
      for (const data of reads) expect(data.equals(file.subarray(200_000, 300_001))).toBe(true);
    } finally {
      upstream.faults.files.latencyMs = 0;
    }
    expect(upstream.fileRequests()).toHaveLength(1);
    expect(bytes.counters.coalesced).toBeGreaterThan(0);
  });

  it('owned reads share no memory: detaching one leaves concurrent and later readers whole', async () => {
    const { bytes } = makeCache();
    await bytes.stat(url);
    upstream.faults.files.latencyMs = 30;
    const detach = (data: Buffer) => { structuredClone(data.buffer, { transfer: [data.buffer as ArrayBuffer] }); };
    try {
      // Exactly one block, read by several readers while its fetch is in flight, then once more.
      const [start, end] = [2 * BLOCK_SIZE, 3 * BLOCK_SIZE - 1];
      const reads = await Promise.all(Array.from({ length: 4 }, () => bytes.read(url, start, end, { owned: true })));
      for (const data of reads) {
        expect(data.byteOffset === 0 && data.byteLength === data.buffer.byteLength).toBe(true);
        expect(data.equals(file.subarray(start, end + 1))).toBe(true);
        detach(data);
      }
      expect((await bytes.read(url, start, end)).equals(file.subarray(start, end + 1))).toBe(true);
      expect((await bytes.read(url, start + 5, end - 5, { owned: true })).equals(file.subarray(start + 5, end - 4))).toBe(true);
    } finally {
      upstream.faults.files.latencyMs = 0;
    }
  });

  it('keeps serving what it has when offline, and refuses (503) to fetch what it has not', async () => {
    const { bytes } = makeCache();
    await bytes.read(url, 0, 100_000);
    offline = true;
    upstream.resetLog();
    expect((await bytes.read(url, 0, 100_000)).equals(file.subarray(0, 100_001))).toBe(true);
    await expect(bytes.read(url, 500_000, 600_000)).rejects.toMatchObject({ code: 'service_unavailable', status: 503 });
    expect(upstream.fileRequests()).toHaveLength(0);
  });

  it('refetches when the upstream file changed (new ETag) instead of mixing old and new blocks', async () => {
    const { bytes } = makeCache();
    const changedUrl = `${upstream.url}/cogs/changing.bin`;
    const v1 = Buffer.alloc(3 * BLOCK_SIZE, 1);
    const v2 = Buffer.alloc(3 * BLOCK_SIZE, 2);
    upstream.serveFile('/cogs/changing.bin', v1, { etag: '"a"' });
    expect((await bytes.read(changedUrl, 0, 10))[0]).toBe(1);
    upstream.serveFile('/cogs/changing.bin', v2, { etag: '"b"' });
    const later = await bytes.read(changedUrl, 2 * BLOCK_SIZE, 2 * BLOCK_SIZE + 10);
    expect(later[0]).toBe(2);
    expect((await bytes.read(changedUrl, 0, 10))[0]).toBe(2);
  });

  it('copes with an upstream that ignores Range (200 with the whole file)', async () => {
    const { bytes } = makeCache();
    upstream.faults.files.ignoreRange = true;
    const data = await bytes.read(url, 300_000, 400_000);
    expect(data.equals(file.subarray(300_000, 400_001))).toBe(true);
  });
});

describe('CogByteCache read-ahead', () => {
  const READ_AHEAD = 512 * 1024;
  const CHUNK = 40_000;
  const inOrder = () => Array.from({ length: Math.ceil(file.length / CHUNK) }, (_, i) => i * CHUNK);

  /** Reads `starts` in that order, each CHUNK bytes, checking every byte; returns the upstream requests made. */
  async function readChunks(bytes: CogByteCache, starts: number[], readAheadBytes?: number): Promise<number> {
    await bytes.stat(url);
    upstream.resetLog();
    for (const start of starts) {
      const end = Math.min(file.length, start + CHUNK) - 1;
      expect((await bytes.read(url, start, end, { readAheadBytes })).equals(file.subarray(start, end + 1))).toBe(true);
    }
    return upstream.fileRequests().length;
  }

  it('serves a whole file read in order with a handful of upstream requests instead of one per read', async () => {
    expect(file.length).toBeGreaterThan(8 * CHUNK);
    const plainDb = openDatabase(join(dir, 'plain.sqlite'));
    try {
      const plain = await readChunks(makeCache(undefined, plainDb).bytes, inOrder());
      const { bytes } = makeCache();
      const ahead = await readChunks(bytes, inOrder(), READ_AHEAD);
      expect(bytes.counters.readAhead).toBeGreaterThan(0);
      expect(ahead).toBeLessThan(plain / 2);
    } finally {
      plainDb.close();
    }
  });

  it('reads nothing ahead for a reader that jumps around the file', async () => {
    const { bytes } = makeCache();
    const starts = inOrder().reverse();
    const requests = await readChunks(bytes, starts, READ_AHEAD);
    expect(bytes.counters.readAhead).toBe(0);
    expect(requests).toBeGreaterThan(starts.length / 2);
  });

  it('reads nothing ahead offline, and answers from what it stored', async () => {
    const { bytes } = makeCache();
    await readChunks(bytes, inOrder().slice(0, 4), READ_AHEAD);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stored = bytes.counters.readAhead;
    expect(stored).toBeGreaterThan(0);
    offline = true;
    upstream.resetLog();
    for (const start of inOrder().slice(4, 6)) {
      expect((await bytes.read(url, start, start + CHUNK - 1, { readAheadBytes: READ_AHEAD })).equals(file.subarray(start, start + CHUNK))).toBe(true);
    }
    expect(upstream.fileRequests()).toHaveLength(0);
    expect(bytes.counters.readAhead).toBe(stored);
  });
});

describe('BlockStore', () => {
  it('keeps the byte total under the limit, evicting least-recently-used blocks, pinned ones last', () => {
    const limit = 6 * BLOCK_SIZE;
    let clock = 1;
    const timed = new BlockStore(db, limit, () => clock, { touchResolutionMs: 0 });
    const fileId = timed.putFile('https://x.test/a.bin', { size: 10 * BLOCK_SIZE, blockSize: BLOCK_SIZE, etag: null, contentType: null }).fileId;
    const block = (n: number) => ({ index: n, data: Buffer.alloc(BLOCK_SIZE, n) });
    timed.writeBlocks(fileId, [block(0)], true);
    for (let n = 1; n < 6; n += 1) { clock += 1; timed.writeBlocks(fileId, [block(n)]); }
    clock += 1;
    timed.readBlocks(fileId, 1, 1);
    clock += 1;
    timed.writeBlocks(fileId, [block(6), block(7)]);
    expect(timed.stats().bytes).toBeLessThanOrEqual(limit);
    expect([...timed.storedIndices(fileId, 0, 9)].sort()).toEqual([0, 1, 4, 5, 6, 7]);
    const total = (db.prepare('SELECT total(bytes) AS n FROM cog_blocks').get() as { n: number }).n;
    expect(total).toBe(timed.stats().bytes);
    timed.close();
  });

  it('records a use only when the last recorded one is a minute old or more', () => {
    let clock = 1_000_000;
    const timed = new BlockStore(db, 1024 ** 3, () => clock);
    const fileId = timed.putFile('https://x.test/touched.bin', { size: 2 * BLOCK_SIZE, blockSize: BLOCK_SIZE, etag: null, contentType: null }).fileId;
    timed.writeBlocks(fileId, [{ index: 0, data: Buffer.alloc(BLOCK_SIZE, 1) }]);
    const lastUsed = () => (db.prepare('SELECT last_used AS t FROM cog_blocks WHERE file_id = ? AND block_index = 0').get(fileId) as { t: number }).t;
    clock += 59_999;
    timed.readBlocks(fileId, 0, 0);
    timed.flushTouches();
    expect(lastUsed()).toBe(1_000_000);
    clock += 1;
    timed.readBlocks(fileId, 0, 0);
    timed.flushTouches();
    expect(lastUsed()).toBe(1_060_000);
    timed.close();
  });

  it('keeps the limit while reading a whole COG bigger than it', async () => {
    const limit = 8 * BLOCK_SIZE;
    const { store, bytes } = makeCache(limit);
    const data = await bytes.read(url, 0, file.length - 1);
    expect(data.equals(file)).toBe(true);
    expect(store.stats().bytes).toBeLessThanOrEqual(limit);
    expect(store.stats().evictedBlocks).toBeGreaterThan(0);
    store.close();
    const reopened = new BlockStore(db, limit);
    expect(reopened.stats().bytes).toBe(store.stats().bytes);
    reopened.close();
  });

  it('writes a batch of blocks all-or-nothing', () => {
    const store = new BlockStore(db, 1024 ** 3);
    const fileId = store.putFile('https://x.test/b.bin', { size: 3 * BLOCK_SIZE, blockSize: BLOCK_SIZE, etag: null, contentType: null }).fileId;
    const bad = [{ index: 0, data: Buffer.alloc(BLOCK_SIZE) }, { index: 1, data: 'not a buffer' as unknown as Buffer }];
    expect(() => store.writeBlocks(fileId, bad)).toThrow();
    expect(store.storedIndices(fileId, 0, 2).size).toBe(0);
    expect(store.stats().bytes).toBe(0);
    store.close();
  });
});
