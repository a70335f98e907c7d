/**
 * Wire types of the offline cache routes (GET|DELETE /api/v1/cache, GET|PUT /api/v1/settings).
 * Types only, no Node imports; clients (the renderer too) take them from ../api/contract.ts.
 */
import type { RemoteBackendView } from '../openeo/remote/types';

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
  /** Files of finished jobs (result COGs) in the data dir; not part of the cache, kept by result retention. */
  results: ResultUsage;
}

export interface ResultUsage {
  /** Finished jobs holding files. */
  count: number;
  bytes: number;
}

/** Result retention (settings/retention-settings.ts); null = no limit, the default. */
export interface RetentionSettings {
  /** Finished jobs (with their result files) older than this many days are removed. 1..36500. */
  results_max_age_days: number | null;
  /** The oldest results are removed while all results take more than this. ≥ 1 MiB. */
  results_max_bytes: number | null;
}

/**
 * GET /api/v1/settings, and PUT with any of the fields (the answer is the whole state after it).
 * `offline` lasts until the service stops; result retention is stored.
 */
export interface ServiceSettings extends RetentionSettings {
  /** Offline mode: nothing touches the network; searches, scenes and bytes come from the cache. */
  offline: boolean;
  /** Remote openEO back-ends jobs can run on (`"on": "<id>"`), with whether someone is signed in; never a secret. */
  openeo_backends: RemoteBackendView[];
}
