/**
 * The byte cache gives space back: its limit (ASTRA_CACHE_MAX_BYTES) is applied when the service
 * opens, not only on the next write, and the pages evicted blocks occupied return to the file
 * system (SQLite `auto_vacuum = INCREMENTAL` + `incremental_vacuum`), so a lowered limit or a
 * cleared cache shrinks the database file. A database made before incremental vacuum is
 * converted once when opened.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../../electron/service/cache/block-math';
import { BlockStore } from '../../../electron/service/cache/block-store';
import type { CacheReport } from '../../../electron/service/api/contract';
import { runMigrations } from '../../../electron/service/db/migrations';
import { openDatabase } from '../../../electron/service/db/open-database';
import type { FakeUpstream } from '../../helpers/fake-upstream';
import type { TestService } from '../../helpers/test-service';
import { makeTestCogs, startCacheService, startCacheUpstream } from './helpers/cache-rig';
import { seededRandom } from './helpers/random-items';
import { S2_SCENE } from './helpers/test-items';

const MIB = 1024 * 1024;

/** The database file and its WAL: what the data dir holds for the cache. */
function databaseBytes(path: string): number {
  return statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
}

function randomBlock(random: () => number): Buffer {
  const block = Buffer.alloc(BLOCK_SIZE);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
  return block;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-cache-shrink-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

describe('a database made before incremental vacuum', () => {
  it('is converted when opened, and a lower limit at start-up evicts and shrinks the file', () => {
    const path = join(tempDir(), 'astra.sqlite');
    // As an older build left it: WAL, no auto_vacuum, 24 MiB of blocks.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    runMigrations(old);
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    const filling = new BlockStore(old, 1024 ** 3);
    const count = Math.ceil((24 * MIB) / BLOCK_SIZE);
    const fileId = filling.putFile('https://x.test/big.tif', { size: count * BLOCK_SIZE, blockSize: BLOCK_SIZE, etag: null, contentType: null }).fileId;
    const random = seededRandom(5);
    const blocks = Array.from({ length: count }, (_, index) => ({ index, data: randomBlock(random) }));
    for (const block of blocks) filling.writeBlocks(fileId, [block]);
    filling.close();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const before = databaseBytes(path);
    expect(before).toBeGreaterThan(24 * MIB);

    const db = openDatabase(path);
    try {
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL
      const store = new BlockStore(db, 4 * MIB);
      const stats = store.stats();
      expect(stats.bytes).toBeLessThanOrEqual(4 * MIB);
      expect(stats.evictedBlocks).toBeGreaterThan(0);
      const after = databaseBytes(path);
      console.log(`[cache] lowered limit at start-up: ${(before / MIB).toFixed(1)} MiB → ${(after / MIB).toFixed(1)} MiB on disk`);
      expect(after).toBeLessThan(before - 18 * MIB);
      // What stayed is intact: the most recently written blocks, byte for byte.
      const kept = [...store.storedIndices(fileId, 0, count - 1)].sort((a, b) => a - b);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept[kept.length - 1]).toBe(count - 1);
      const read = store.readBlocks(fileId, kept[0], count - 1);
      for (const index of kept) expect(read.get(index)!.equals(blocks[index].data)).toBe(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      store.close();
    } finally {
      db.close();
    }
  });
});

describe('the service', () => {
  let upstream: FakeUpstream;
  let dataDir: string;
  beforeAll(async () => {
    upstream = await startCacheUpstream();
    dataDir = tempDir();
  });
  afterAll(async () => { await upstream?.close(); });

  async function cacheWhole(svc: TestService, band: string): Promise<number> {
    const response = await svc.api(`/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/${band}/cog`);
    expect(response.status).toBe(200);
    return (await response.arrayBuffer()).byteLength;
  }
  const report = async (svc: TestService) => (await (await svc.api('/api/v1/cache')).json()) as CacheReport;
  const dbPath = () => join(dataDir, 'astra.sqlite');

  it('applies a lowered ASTRA_CACHE_MAX_BYTES when it starts, and the file shrinks', async () => {
    const first = await startCacheService(upstream, { dataDir, cacheMaxBytes: 64 * MIB });
    const fetched = (await cacheWhole(first, 'B04')) + (await cacheWhole(first, 'B08'));
    expect((await report(first)).bytes).toBe(fetched);
    await first.close();
    const before = databaseBytes(dbPath());

    const second = await startCacheService(upstream, { dataDir, cacheMaxBytes: MIB });
    try {
      const lowered = await report(second);
      expect(lowered.limit).toBe(MIB);
      expect(lowered.bytes).toBeLessThanOrEqual(MIB);
      expect(lowered.evicted_blocks).toBeGreaterThan(0);
      const after = databaseBytes(dbPath());
      console.log(`[cache] ${(fetched / MIB).toFixed(1)} MiB cached, limit lowered to 1 MiB: ${(before / MIB).toFixed(1)} MiB → ${(after / MIB).toFixed(1)} MiB on disk`);
      expect(after).toBeLessThan(before - (fetched - MIB) * 0.8);
    } finally {
      await second.close();
    }
  });

  it('gives the space back when the cache is cleared', async () => {
    const svc = await startCacheService(upstream, { dataDir, cacheMaxBytes: 64 * MIB });
    try {
      const fetched = (await cacheWhole(svc, 'B04')) + (await cacheWhole(svc, 'B08'));
      const before = databaseBytes(dbPath());
      const cleared = await svc.api('/api/v1/cache?scope=tiles', { method: 'DELETE' });
      expect(((await cleared.json()) as CacheReport).bytes).toBe(0);
      expect(databaseBytes(dbPath())).toBeLessThan(before - fetched * 0.8);
      // The cache still works after its file shrank.
      expect(await cacheWhole(svc, 'B04')).toBe(readFileSync(makeTestCogs().b04).length);
    } finally {
      await svc.close();
    }
  });
});
