/**
 * A tile task's output planes encoded as the COG writer's full-resolution blocks: each plane
 * padded to the tile size with NaN exactly as the writer pads, then predictor + deflate (or the
 * predictor only, for the caller to deflate: `deflate: 'caller'`). Shared by process-tile and
 * area-tile, so a tile needs no second trip to a worker before it is spooled.
 */
import { encodeTileBytes } from '../../lib/cog/deflate-tile';
import { predictTile } from '../../lib/cog/predictor';
import type { RasterGrid } from '../../lib/raster-types';
import type { TileEncodeOptions } from '../../protocol/tile-encode';
import { giveBack, takeFloat32 } from './scratch';

/** The plane as the COG writer stores it: tileSize × tileSize, NaN outside the raster. */
function padded(plane: Float32Array, width: number, height: number, tileSize: number): Float32Array {
  if (width === tileSize && height === tileSize) return plane;
  const out = takeFloat32(tileSize * tileSize).fill(NaN);
  for (let row = 0; row < height; row++) out.set(plane.subarray(row * width, (row + 1) * width), row * tileSize);
  return out;
}

export interface EncodedPlanes {
  blocks?: Uint8Array[];
  predicted?: Uint8Array[];
}

export function encodePlanes(planes: readonly Float32Array[], target: RasterGrid, encode: TileEncodeOptions | undefined): EncodedPlanes {
  if (!encode) return {};
  const { tileSize, compressionLevel, strategy, deflate = 'worker' } = encode;
  const encoded = planes.map((plane, band) => {
    const samples = padded(plane, target.width, target.height, tileSize);
    // Predicted bytes go out by transfer and come back in `recycled` once deflated: a pooled buffer.
    const bytes = deflate === 'caller'
      ? predictTile(samples, tileSize, new Uint8Array(takeFloat32(tileSize * tileSize).buffer))
      : encodeTileBytes({ samples, width: tileSize, dataType: 'float32', compressionLevel, level: 0, tx: 0, ty: 0, band }, strategy);
    if (samples !== plane) giveBack(samples);
    return bytes;
  });
  return deflate === 'caller' ? { predicted: encoded } : { blocks: encoded };
}
