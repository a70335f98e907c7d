/**
 * What running jobs on remote openEO back-ends uses, and nothing more: built once at composition
 * (server.ts). Single-scene jobs read their scene's item (collection, datetime, footprint) through
 * the same cache-first getter as local processing.
 */
import type { AssetResolver } from '../../assets/asset-resolver';
import type { FetchLike } from '../remote/oidc-client';
import type { RemoteBackendStore } from '../remote/backend-registry';
import type { SecretStore } from '../remote/secret-store';
import type { Sleep } from '../remote/sleep';
import type { RemoteThresholds } from './suggest-remote';

export interface OffloadDeps {
  /** The back-ends of the settings (migration 009) and their secrets. */
  backends: RemoteBackendStore;
  secrets: SecretStore;
  /** Scene items, cache first, then the source the id names (cache.assets). */
  scenes: Pick<AssetResolver, 'scene'>;
  /** Offline: nothing touches the network, so remote jobs are refused and running ones wait. */
  offline: () => boolean;
  /** Aborted at shutdown: a remote job is then left running at its back-end, to be followed after the restart. */
  shutdownSignal: AbortSignal;
  /** Time between two looks at a remote job (config.openEoPollIntervalMs). */
  pollIntervalMs: number;
  /** The wait between polls (default: a real, abortable timer); tests step the fake back-end here. */
  sleep?: Sleep;
  fetch?: FetchLike;
  /** Deadline of one call to a back-end while a job is checked before it is queued. */
  checkTimeoutMs?: number;
  /** When POST /jobs/preview suggests a remote run; default DEFAULT_REMOTE_THRESHOLDS. */
  suggestThresholds?: RemoteThresholds;
}
