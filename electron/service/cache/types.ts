/**
 * Wire types of the offline cache routes (GET|DELETE /api/v1/cache, GET|PUT /api/v1/settings).
 * Types only, no Node imports: the renderer imports them too (renderer/src/api/cache-api.ts).
 */

export type CacheScope = 'tiles' | 'items' | 'all';

/** GET /api/v1/cache, and the answer of DELETE /api/v1/cache (the state after clearing). */
export interface CacheReport {
  offline: boolean;
  /** Items in the items cache. */
  items: number;
  /** Cached upstream result pages (query-page cache). */
  query_pages: number;
  /** Upstream files with bytes or size/ETag in the block store. */
  files: number;
  blocks: number;
  /** Bytes of all stored blocks; kept ≤ `limit` by LRU eviction. */
  bytes: number;
  /** Bytes of blocks fetched by offline prefetch (evicted only after all others). */
  pinned_bytes: number;
  /** config cacheMaxBytes (ASTRA_CACHE_MAX_BYTES, default 5 GiB). */
  limit: number;
  /** Blocks read from SQLite since start. */
  hits: number;
  /** Blocks a reader had to fetch upstream since start. */
  misses: number;
  /** Blocks a reader awaited from another reader's in-flight fetch. */
  coalesced: number;
  /** (hits + coalesced) / all block reads since start; null before the first read. */
  hit_ratio: number | null;
  upstream_requests: number;
  upstream_bytes: number;
  evicted_blocks: number;
}

/** GET|PUT /api/v1/settings: the runtime switches the UI can flip. */
export interface ServiceSettings {
  /** Offline mode: nothing touches the network; searches, scenes and bytes come from the cache. */
  offline: boolean;
}
