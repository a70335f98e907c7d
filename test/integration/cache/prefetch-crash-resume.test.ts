/**
 * kill -9 during an offline prefetch: the database stays intact (no torn block), the job resumes
 * from its checkpoint after a restart instead of starting over, and the cached bytes are right.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../../electron/service/cache/block-math';
import { ItemCache } from '../../../electron/service/cache/item-cache';
import { openDatabase } from '../../../electron/service/db/open-database';
import type { Job } from '../../../electron/service/api/contract';
import { KeyStore } from '../../../electron/service/keys/key-store';
import type { FakeUpstream } from '../../helpers/fake-upstream';
import { startEmptyUpstream } from './helpers/cache-rig';
import { startChildService, type ChildService } from './helpers/child-service';
import { makeCog, S2_B04 } from './helpers/make-cogs';
import { s2Item, S2_SCENE } from './helpers/test-items';

let upstream: FakeUpstream;
let dataDir: string;
let key: string;
let cog: Buffer;
let service: ChildService | undefined;

beforeAll(async () => {
  cog = readFileSync(makeCog(S2_B04, 'b04-large', { blockSize: 256, scalePercent: 200 }));
  upstream = await startEmptyUpstream();
  upstream.serveFile('/cogs/B04.tif', cog);
  dataDir = mkdtempSync(join(tmpdir(), 'astra-crash-'));
  const db = openDatabase(join(dataDir, 'astra.sqlite'));
  new ItemCache(db).upsertMany([s2Item(upstream.url)]);
  key = new KeyStore(db).create('crash test').key;
  db.close();
});
afterAll(async () => {
  await service?.crash();
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  ASTRA_UPSTREAM_TIMEOUT_MS: '10000',
  ASTRA_WORKERS: '1',
  ASTRA_EARTH_SEARCH_URL: upstream.earthSearchUrl,
  ASTRA_LANDSATLOOK_URL: upstream.landsatLookUrl,
  ASTRA_PLANETARY_COMPUTER_URL: upstream.planetaryComputerUrl,
  ASTRA_PC_SAS_URL: upstream.sasUrl,
});
const api = (path: string, init: RequestInit = {}) =>
  fetch(service!.url + path, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
const job = async (id: string) => (await (await api(`/api/v1/jobs/${id}`)).json()) as Job;

describe('offline prefetch across a crash', () => {
  it('survives kill -9, resumes from its checkpoint, and ends with the right bytes', async () => {
    service = await startChildService(dataDir, env());
    upstream.faults.files.latencyMs = 60;
    const created = await api('/api/v1/cache/offline', { method: 'POST', body: JSON.stringify({ scene: S2_SCENE, bands: ['B04'] }) });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };

    let seen = await job(id);
    for (const until = Date.now() + 30_000; seen.progress < 0.25 && seen.status !== 'succeeded' && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await job(id);
    }
    expect(seen.status).toBe('running');
    expect(seen.progress).toBeLessThan(0.9);
    await service.crash();
    // Let answers the upstream was still delaying for the dead process land in the log first.
    await new Promise((r) => setTimeout(r, 60 + 200));
    const bytesBeforeCrash = upstream.bytesServed('/cogs/B04.tif');

    const db = new Database(join(dataDir, 'astra.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const torn = db.prepare(`SELECT count(*) AS n FROM cog_blocks b JOIN cog_files f USING (file_id)
      WHERE length(b.data) != b.bytes OR (b.bytes != f.block_size AND (b.block_index + 1) * f.block_size < f.size)`).get() as { n: number };
    expect(torn.n).toBe(0);
    const stored = db.prepare('SELECT total(bytes) AS n FROM cog_blocks').get() as { n: number };
    expect(stored.n).toBeGreaterThan(0.2 * cog.length);
    const row = db.prepare('SELECT status, checkpoint FROM jobs WHERE id = ?').get(id) as { status: string; checkpoint: string | null };
    expect(row.status).toBe('running');
    expect(JSON.parse(row.checkpoint ?? 'null')).toMatchObject({ v: 1, band: 0 });
    db.close();

    upstream.faults.files.latencyMs = 0;
    upstream.resetLog();
    service = await startChildService(dataDir, env());
    let after = await job(id);
    for (const until = Date.now() + 30_000; !['succeeded', 'failed', 'cancelled'].includes(after.status) && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 50));
      after = await job(id);
    }
    expect(after.status, JSON.stringify(after.error)).toBe('succeeded');
    const bytesAfterRestart = upstream.bytesServed('/cogs/B04.tif');
    // Resumed, not restarted: what was stored before the crash is not fetched again.
    expect(bytesAfterRestart).toBeLessThanOrEqual(cog.length - stored.n + 2 * BLOCK_SIZE);
    expect(bytesBeforeCrash + bytesAfterRestart).toBeLessThan(1.2 * cog.length);

    await upstream.close();
    const whole = await api(`/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/B04/cog`);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(cog)).toBe(true);
  });
});
