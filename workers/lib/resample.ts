/**
 * Sampling kernels. Coordinates are continuous source pixel coordinates with pixel (i, j)
 * covering [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5) — GDAL's convention.
 * A point outside [0, width) × [0, height) has no value (NaN).
 */
import type { GridSize, NumericArray } from './raster-types';

/**
 * NaN-aware bilinear interpolation, with GDAL's warper semantics: the result is NaN when the source
 * pixel containing (x, y) is NaN — so nodata and cloud footprints keep their shape instead of
 * growing or shrinking by half a pixel — otherwise NaN and out-of-raster neighbours are ignored
 * and the weights of the valid ones renormalised (the containing pixel alone weighs ≥ 0.25).
 */
export function sampleBilinear(src: NumericArray, width: number, height: number, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x < width && y < height)) return NaN;
  const containing = src[Math.floor(y) * width + Math.floor(x)];
  if (containing !== containing) return NaN;
  const u = x - 0.5;
  const v = y - 0.5;
  const i0 = Math.floor(u);
  const j0 = Math.floor(v);
  const fx = u - i0;
  const fy = v - j0;
  let sum = 0;
  let weight = 0;
  for (let dj = 0; dj < 2; dj++) {
    const j = j0 + dj;
    if (j < 0 || j >= height) continue;
    const wy = dj === 0 ? 1 - fy : fy;
    for (let di = 0; di < 2; di++) {
      const i = i0 + di;
      if (i < 0 || i >= width) continue;
      const value = src[j * width + i];
      if (value !== value) continue; // NaN
      const w = wy * (di === 0 ? 1 - fx : fx);
      sum += value * w;
      weight += w;
    }
  }
  return sum / weight;
}

/** The value of the source pixel containing (x, y); for classes and masks. */
export function sampleNearest(src: NumericArray, width: number, height: number, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x < width && y < height)) return NaN;
  return src[Math.floor(y) * width + Math.floor(x)];
}

/**
 * For grids that share an extent (e.g. the 20 m SCL grid and the 10 m band grid of one tile): the
 * source index sampled by each target index along one axis, by pixel centre. Integer arithmetic,
 * so exact ratios (2:1, 3:1, 6:1) never suffer rounding at cell boundaries.
 */
export function nearestIndexTable(sourceLength: number, targetLength: number): Int32Array {
  const table = new Int32Array(targetLength);
  for (let t = 0; t < targetLength; t++) {
    // centre of target pixel t, in source pixels: (t + 0.5) * sourceLength / targetLength
    table[t] = Math.min(sourceLength - 1, Math.floor(((2 * t + 1) * sourceLength) / (2 * targetLength)));
  }
  return table;
}

/** Nearest-neighbour resampling between grids sharing an extent; the output keeps the input's array type. */
export function resampleNearestAligned<T extends NumericArray>(src: T, source: GridSize, target: GridSize): T {
  if (src.length !== source.width * source.height) {
    throw new Error(`source has ${src.length} values, expected ${source.width}×${source.height}`);
  }
  const columns = nearestIndexTable(source.width, target.width);
  const rows = nearestIndexTable(source.height, target.height);
  const Ctor = src.constructor as new (length: number) => T;
  const out = new Ctor(target.width * target.height);
  for (let r = 0; r < target.height; r++) {
    const sourceRow = rows[r] * source.width;
    const targetRow = r * target.width;
    for (let c = 0; c < target.width; c++) out[targetRow + c] = src[sourceRow + columns[c]];
  }
  return out;
}
