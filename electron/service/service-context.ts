/**
 * Everything a route needs, built once at start-up by createService and passed to each route
 * module. Capabilities add their members here. Only routes see it: job kinds and other domain
 * modules get the narrow dependencies they use (processing/processing-deps.ts).
 */
import type { ServiceConfig } from './config';
import type { CacheServices } from './cache/cache-services';
import type { Db } from './db/open-database';
import type { JobQueue } from './jobs/queue';
import type { KeyStore } from './keys/key-store';
import type { LocalOpenEoBackend } from './openeo/local';
import type { OpenEoBackends } from './openeo/backend-settings';
import type { RetentionSettingsStore } from './settings/retention-settings';
import type { SearchPageDecoderPool } from './search/search-page-decoder';
import type { SourceStatusBoard } from './search/source-status';
import type { SourceAdapter } from './sources/types';

export interface ServiceContext {
  config: ServiceConfig;
  db: Db;
  keys: KeyStore;
  /** Aborted when the service shuts down; long work listens to it. */
  shutdownSignal: AbortSignal;
  /**
   * The fetch for every upstream request (catalogs, SAS tokens, COG bytes): URLs and redirect hops
   * are checked against the data-host policy first (assets/upstream-fetch.ts).
   */
  upstreamFetch: typeof fetch;
  /** The upstream catalogs as the search sees them (status-tracked; cache-wrapped). */
  sources: SourceAdapter[];
  /** Whether each source answered at its last use (GET /api/v1/sources). */
  sourceStatus: SourceStatusBoard;
  /** Signs search cursors; persisted in the data dir so next links survive a restart. */
  cursorSecret: string;
  /** Processing and prefetch jobs: kinds register here (`jobs.register(kind)`). */
  jobs: JobQueue;
  /** Result retention settings (GET|PUT /api/v1/settings), read by the job queue. */
  retention: RetentionSettingsStore;
  /** Worker threads that decode and normalize upstream search pages (search/search-page-decoder.ts). */
  searchPages: SearchPageDecoderPool;
  /** Offline-first cache: items + query pages, COG byte blocks, asset resolver, offline switch (cache/cache-services.ts). */
  cache: CacheServices;
  /** The local openEO back-end under /api/v1/openeo/: tokens, batch jobs, results, synchronous runs (openeo/local/). */
  openEoLocal: LocalOpenEoBackend;
  /** Remote openEO back-ends of the settings: list, sign in and out (jobs on them: the queue's offload kind). */
  openEoRemotes: OpenEoBackends;
}
