/**
 * Factor-2 reduction of one finished tile into its quarter of the parent overview tile.
 *
 * A tile at (tx, ty) of level L covers pixels [tx·T, tx·T+T) of that level; halved, that is
 * [tx·T/2, tx·T/2 + T/2) of level L+1, i.e. quadrant (tx & 1, ty & 1) of parent tile (tx >> 1, ty >> 1).
 * Parent pixel (i, j) of the quadrant is made from child pixels (2i..2i+1, 2j..2j+1).
 *
 * - `average`: mean of the child pixels that are inside the raster and valid (not NaN, not nodata);
 *   nodata when none is. Integers round half away from zero. This is what GDAL's AVERAGE
 *   overview resampling gives for a factor of exactly 2 (checked against gdaladdo in the tests).
 * - `nearest`: the top-left child pixel (2i, 2j), which is always inside the raster and is also
 *   GDAL's choice for an exact factor of 2. Use it for class / mask bands.
 */
import { roundHalfAwayFromZero, type CogSamples } from './sample-types';

export type OverviewResampling = 'average' | 'nearest';

export interface DownsampleIntoQuadrantArgs {
  /** The finished child tile, tileSize × tileSize. Read only. */
  child: CogSamples;
  /** The parent overview tile being filled, tileSize × tileSize, same type as child. */
  parent: CogSamples;
  tileSize: number;
  /** How much of the child tile lies inside the raster (the rest is padding and is ignored). */
  validWidth: number;
  validHeight: number;
  quadrantX: 0 | 1;
  quadrantY: 0 | 1;
  method: OverviewResampling;
  /** Declared nodata; NaN is always treated as missing for float data. */
  nodata: number | undefined;
}

export function downsampleIntoQuadrant(args: DownsampleIntoQuadrantArgs): void {
  const { child, parent, tileSize, validWidth, validHeight, quadrantX, quadrantY, method, nodata } = args;
  if (tileSize % 2 !== 0) throw new RangeError('tileSize must be even');
  const outWidth = Math.ceil(validWidth / 2);
  const outHeight = Math.ceil(validHeight / 2);
  const half = tileSize / 2;
  const originX = quadrantX * half;
  const originY = quadrantY * half;
  const isFloat = child instanceof Float32Array;
  const missing = nodata ?? (isFloat ? Number.NaN : 0);

  for (let j = 0; j < outHeight; j++) {
    const parentRow = (originY + j) * tileSize + originX;
    const y0 = 2 * j;
    const hasSecondRow = y0 + 1 < validHeight;
    for (let i = 0; i < outWidth; i++) {
      const x0 = 2 * i;
      if (method === 'nearest') {
        parent[parentRow + i] = child[y0 * tileSize + x0];
        continue;
      }
      const hasSecondCol = x0 + 1 < validWidth;
      const top = y0 * tileSize + x0;
      const bottom = top + tileSize;
      let sum = 0;
      let count = 0;
      // v !== v is the NaN test without a function call in the hot loop.
      let v = child[top];
      if (v === v && v !== nodata) { sum += v; count++; }
      if (hasSecondCol) {
        v = child[top + 1];
        if (v === v && v !== nodata) { sum += v; count++; }
      }
      if (hasSecondRow) {
        v = child[bottom];
        if (v === v && v !== nodata) { sum += v; count++; }
        if (hasSecondCol) {
          v = child[bottom + 1];
          if (v === v && v !== nodata) { sum += v; count++; }
        }
      }
      if (count === 0) parent[parentRow + i] = missing;
      else parent[parentRow + i] = isFloat ? sum / count : roundHalfAwayFromZero(sum / count);
    }
  }
}
