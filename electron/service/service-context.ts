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
}
