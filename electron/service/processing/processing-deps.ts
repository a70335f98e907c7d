/**
 * What the processing job kinds use, and nothing more: built once at composition (server.ts)
 * from the cache services and the raster pool. Scenes and bytes are read in-process — the same
 * byte source the HTTP COG proxy answers from — so processing never calls the service's own HTTP.
 */
import type { AssetByteSource } from '../assets/asset-bytes';
import type { AssetResolver } from '../assets/asset-resolver';
import type { RasterWorkerPool } from '../worker-pool/raster-worker-pool';

export interface ProcessingDeps {
  /** Scene items, cache first, then the source the id names (cache.assets). */
  scenes: Pick<AssetResolver, 'scene'>;
  /** Asset bytes by scene + asset + range, cache first, upstream behind (cache.assetBytes). */
  bytes: Pick<AssetByteSource, 'read'>;
  /** Whether the app is offline (only the cache answers): for the errors' wording. */
  offline: () => boolean;
  /** Tiles are computed and encoded here. */
  workerPool: RasterWorkerPool;
  /** Validation (scene lookups, COG header reads) stops at shutdown. */
  shutdownSignal: AbortSignal;
}
