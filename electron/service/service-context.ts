/**
 * Everything a route needs, built once at start-up by createService and passed to each route
 * module. Capabilities add their members here.
 */
import type { ServiceConfig } from './config';
import type { Db } from './db/open-database';
import type { KeyStore } from './keys/key-store';

export interface ServiceContext {
  config: ServiceConfig;
  db: Db;
  keys: KeyStore;
  /** Aborted when the service shuts down; long work listens to it. */
  shutdownSignal: AbortSignal;
  /**
   * A per-process key accepted by auth but never stored or shown: workers use it to read COGs
   * through this service's own byte proxy (so processing works offline from the cache).
   */
  internalKey: string;
  /** The service's own base URL once listening (e.g. http://127.0.0.1:8787). */
  localBaseUrl(): string;
}
