/** CogByteCache `readAheadBytes`: a reader walking a file in order finds its next blocks coming. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SasSigner } from '../../../electron/service/assets/sas-signer';
import { createRangeFetcher } from '../../../electron/service/assets/upstream-range-fetch';
import { BlockStore } from '../../../electron/service/cache/block-store';
import { CogByteCache } from '../../../electron/service/cache/cog-byte-cache';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import { makeCog, S2_B04 } from './helpers/make-cogs';
import { startRangeServer, type RangeServer } from './helpers/range-server';

const READ_AHEAD = 512 * 1024;
const CHUNK = 40_000;

let upstream: RangeServer;
let file: Buffer;
let url: string;
let dir: string;
let db: Db;
let offline = false;

beforeAll(async () => {
  upstream = await startRangeServer();
  file = readFileSync(makeCog(S2_B04, 'b04-read-ahead', { blockSize: 256 }));
  upstream.put('/cogs/B04.tif', file, { etag: '"v1"' });
  url = `${upstream.url}/cogs/B04.tif`;
});
afterAll(async () => { await upstream.close(); });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-read-ahead-'));
  db = openDatabase(join(dir, 'astra.sqlite'));
  offline = false;
});
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

function makeCache(): CogByteCache {
  const signer = new SasSigner({ sasUrl: upstream.sasUrl, timeoutMs: 5000 });
  return new CogByteCache(new BlockStore(db, 1024 ** 3), createRangeFetcher({ signer }), { offline: () => offline, upstreamTimeoutMs: 5000 });
}

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

const inOrder = () => Array.from({ length: Math.ceil(file.length / CHUNK) }, (_, i) => i * CHUNK);

describe('CogByteCache read-ahead', () => {
  it('serves a whole file read in order with a handful of upstream requests instead of one per read', async () => {
    expect(file.length).toBeGreaterThan(8 * CHUNK);
    const plain = await readChunks(makeCache(), inOrder());
    db.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'astra-read-ahead-'));
    db = openDatabase(join(dir, 'astra.sqlite'));
    const bytes = makeCache();
    const ahead = await readChunks(bytes, inOrder(), READ_AHEAD);
    expect(bytes.counters.readAhead).toBeGreaterThan(0);
    expect(ahead).toBeLessThan(plain / 2);
  });

  it('reads nothing ahead for a reader that jumps around the file', async () => {
    const bytes = makeCache();
    const starts = inOrder().reverse();
    const requests = await readChunks(bytes, starts, READ_AHEAD);
    expect(bytes.counters.readAhead).toBe(0);
    expect(requests).toBeGreaterThan(starts.length / 2);
  });

  it('reads nothing ahead offline, and answers from what it stored', async () => {
    const bytes = makeCache();
    await readChunks(bytes, inOrder().slice(0, 4), READ_AHEAD);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stored = bytes.counters.readAhead;
    expect(stored).toBeGreaterThan(0);
    offline = true;
    upstream.resetLog();
    const starts = inOrder().slice(4, 6);
    for (const start of starts) expect((await bytes.read(url, start, start + CHUNK - 1, { readAheadBytes: READ_AHEAD })).equals(file.subarray(start, start + CHUNK))).toBe(true);
    expect(upstream.fileRequests()).toHaveLength(0);
    expect(bytes.counters.readAhead).toBe(stored);
  });
});
