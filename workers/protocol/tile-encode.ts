/**
 * How a tile task also encodes its output as the COG writer's full-resolution blocks (shared by
 * `process-tile` and `area-tile`). Types only.
 */
import type { DeflateStrategy } from '../lib/cog/deflate-tile';

/**
 * `deflate: 'caller'` stops after the predictor and returns the predicted bytes (`predicted`) for
 * the caller to deflate on a core the pool leaves idle (workers/lib/cog/encode-tile.ts
 * deflatePredicted); default 'worker' returns `blocks`.
 */
export interface TileEncodeOptions {
  tileSize: number;
  compressionLevel: number;
  strategy?: DeflateStrategy;
  deflate?: 'worker' | 'caller';
}
