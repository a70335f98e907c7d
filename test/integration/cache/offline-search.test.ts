/**
 * The items cache under the real federation: the three real catalog adapters against the fake
 * upstream, each wrapped by cachedAdapter. A repeat within the TTL costs no request; offline and
 * with the upstream gone, searches and scene lookups are answered from SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCacheServices, type CacheServices } from '../../../electron/service/cache/cache-services';
import { loadConfig } from '../../../electron/service/config';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import { federatedSearch, getSceneFromSources, parseSearchQuery } from '../../../electron/service/search';
import { createSources } from '../../../electron/service/sources';
import type { SourceAdapter } from '../../../electron/service/sources/types';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';

let fake: FakeUpstream;
let dir: string;
let db: Db;
let cache: CacheServices;
let adapters: SourceAdapter[];

beforeAll(async () => {
  fake = await startFakeUpstream();
  dir = mkdtempSync(join(tmpdir(), 'astra-offline-search-'));
  db = openDatabase(join(dir, 'astra.sqlite'));
  const config = loadConfig([], {}, {
    dataDir: dir, earthSearchUrl: fake.earthSearchUrl, landsatLookUrl: fake.landsatLookUrl, planetaryComputerUrl: fake.planetaryComputerUrl,
  });
  cache = createCacheServices(db, config);
  adapters = createSources(config).map((adapter) => cache.wrap(adapter));
});
afterAll(async () => {
  cache?.close();
  db?.close();
  await fake?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const search = (query: Record<string, string>) => federatedSearch(adapters, parseSearchQuery(query), { timeoutMs: 5000, fetch });
const catalogRequests = () => fake.requests.filter((r) => r.catalog !== 'files' && r.catalog !== 'sas').length;
const world = { bbox: '-180,-90,180,90', limit: '12' };

describe('offline search through the cached adapters', () => {
  it('caches what it sees and answers a repeat within the TTL without any request', async () => {
    const first = await search(world);
    expect(first.features.length).toBeGreaterThan(0);
    expect(cache.items.count()).toBeGreaterThanOrEqual(first.features.length);
    const before = catalogRequests();
    const again = await search(world);
    expect(catalogRequests()).toBe(before);
    expect(again.features.map((f) => f.id)).toEqual(first.features.map((f) => f.id));
  });

  it('offline: answers a new search from the items cache, filters applied, with no request at all', async () => {
    await search({ ...world, limit: '50' });
    cache.offline.set(true);
    try {
      const before = catalogRequests();
      const result = await search({ ...world, cloud_cover_lt: '30', limit: '50' });
      expect(catalogRequests()).toBe(before);
      expect(result.features.length).toBeGreaterThan(0);
      for (const item of result.features) {
        expect(item.properties['eo:cloud_cover']).toBeLessThan(30);
        expect(cache.items.get(item.id)?.assets).toEqual(item.assets);
      }
    } finally {
      cache.offline.set(false);
    }
  });

  it('with the upstream gone: searches and scene lookups still answer from the cache', async () => {
    const online = await search({ ...world, sortby: 'datetime' });
    const scene = online.features[0].id;
    // A second CacheServices reads the same database below: the first one's write-behind queue
    // must be in it by then.
    cache.flush();
    await fake.close();
    const stale = createCacheServices(db, loadConfig([], {}, { dataDir: dir, cacheTtlMs: 0 }));
    const expiredTtl = createSources(loadConfig([], {}, {
      earthSearchUrl: fake.earthSearchUrl, landsatLookUrl: fake.landsatLookUrl, planetaryComputerUrl: fake.planetaryComputerUrl,
    })).map((adapter) => stale.wrap(adapter));
    const result = await federatedSearch(expiredTtl, parseSearchQuery({ ...world, sortby: 'datetime' }), { timeoutMs: 5000, fetch });
    expect(result.features.map((f) => f.id)).toEqual(online.features.map((f) => f.id));
    expect(result.warnings.filter((w) => w.code !== 'served_from_cache')).toEqual([]);
    expect((await getSceneFromSources(expiredTtl, scene, { timeoutMs: 5000, fetch }))?.id).toBe(scene);
    stale.close();
  });
});
