/**
 * The offline-first cache, assembled once at start-up (server.ts) and reached through
 * `ServiceContext.cache`: items + query pages, COG byte blocks, SAS signing, the asset resolver,
 * the assets' byte source, the offline switch, and the report/clear behind `/api/v1/cache`.
 */
import { AssetByteSource } from '../assets/asset-bytes';
import { AssetResolver } from '../assets/asset-resolver';
import { cacheFirstSceneGetter, type SceneGetter } from '../assets/scene-getter';
import { SasSigner } from '../assets/sas-signer';
import { createUpstreamFetch } from '../assets/upstream-fetch';
import { createRangeFetcher } from '../assets/upstream-range-fetch';
import type { ServiceConfig } from '../config';
import { reclaimFreePages, type Db } from '../db/open-database';
import type { SourceAdapter } from '../sources/types';
import { BlockStore } from './block-store';
import { cachedAdapter } from './cached-adapter';
import { CogByteCache } from './cog-byte-cache';
import { ItemCache } from './item-cache';
import { OfflineMode } from './offline-mode';
import { QueryPageCache } from './query-page-cache';
import type { CacheReport, CacheScope } from './types';

export type { CacheReport, CacheScope, ServiceSettings } from './types';

export interface CacheServicesOptions {
  /** Asks the sources for a scene the items cache does not have (e.g. search's getSceneFromSources). */
  upstreamScene?: SceneGetter;
  /** The guarded upstream fetch (assets/upstream-fetch.ts); made from `config` when not given. */
  upstreamFetch?: typeof fetch;
  shutdownSignal?: AbortSignal;
  now?: () => number;
}

export interface CacheServices {
  items: ItemCache;
  pages: QueryPageCache;
  blocks: BlockStore;
  bytes: CogByteCache;
  signer: SasSigner;
  assets: AssetResolver;
  /** A scene asset's bytes by scene id + asset + range, cache first (assets/asset-bytes.ts). */
  assetBytes: AssetByteSource;
  offline: OfflineMode;
  /** The adapter behind the items/page caches and the offline switch (see cached-adapter.ts). */
  wrap(adapter: SourceAdapter): SourceAdapter;
  /** Writes the items and pages searches queued (they are written on the next tick anyway). */
  flush(): void;
  /** The cache's part of GET /api/v1/cache (the route adds the job results). */
  report(): Omit<CacheReport, 'results'>;
  clear(scope: CacheScope): void;
  close(): void;
}

export function createCacheServices(db: Db, config: ServiceConfig, options: CacheServicesOptions = {}): CacheServices {
  const now = options.now ?? Date.now;
  // Offline search walks the R*Tree and item rows at random: keep them in memory rather than
  // re-reading pages through system calls (measured: about 2× faster on 200,000 items).
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  const offline = new OfflineMode(config);
  const items = new ItemCache(db, now);
  const pages = new QueryPageCache(db);
  const blocks = new BlockStore(db, config.cacheMaxBytes, now);
  const upstreamFetch = options.upstreamFetch ?? createUpstreamFetch(config);
  const signer = new SasSigner({ sasUrl: config.pcSasUrl, timeoutMs: config.upstreamTimeoutMs, fetch: upstreamFetch, now });
  const fetcher = createRangeFetcher({ signer, fetch: upstreamFetch, blobMirror: config.pcBlobUrl });
  const bytes = new CogByteCache(blocks, fetcher, {
    offline: offline.isOffline,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    shutdownSignal: options.shutdownSignal,
  });
  const upstream = options.upstreamScene;
  const getScene = cacheFirstSceneGetter(items, upstream && ((id, signal) => (offline.enabled ? Promise.resolve(null) : upstream(id, signal))));
  const assets = new AssetResolver({ getScene, signer, bytes, offline: offline.isOffline, now });

  return {
    items,
    pages,
    blocks,
    bytes,
    signer,
    assets,
    assetBytes: new AssetByteSource(assets, bytes),
    offline,
    wrap: (adapter) => cachedAdapter(adapter, { items, pages }, { ttlMs: config.cacheTtlMs, offline: offline.isOffline, now }),
    flush: () => items.flush(),
    report() {
      items.flush();
      const store = blocks.stats();
      const c = bytes.counters;
      const reads = c.hits + c.coalesced + c.misses;
      return {
        offline: offline.enabled,
        items: items.count(),
        query_pages: pages.count(),
        files: store.files,
        blocks: store.blocks,
        bytes: store.bytes,
        pinned_bytes: store.pinnedBytes,
        limit: store.limit,
        hits: c.hits,
        misses: c.misses,
        coalesced: c.coalesced,
        hit_ratio: reads === 0 ? null : (c.hits + c.coalesced) / reads,
        upstream_requests: c.upstreamRequests,
        upstream_bytes: c.upstreamBytes,
        evicted_blocks: store.evictedBlocks,
      };
    },
    clear(scope) {
      if (scope === 'items' || scope === 'all') items.clear();
      // Clearing the blocks also gives the freed pages (of the items too) back to the file system.
      if (scope === 'tiles' || scope === 'all') blocks.clear();
      else reclaimFreePages(db);
      assets.forget();
    },
    close() {
      items.flush();
      blocks.close();
    },
  };
}
