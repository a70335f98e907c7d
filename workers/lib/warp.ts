/**
 * Reprojects a source raster window onto a target grid (any resolution, extent, supported CRS):
 * every target pixel centre is carried into the source raster (geo/pixel-mapping.ts) and sampled
 * there — bilinear for continuous values such as reflectance (NaN-aware), nearest for classes and
 * masks. Target pixels whose centre falls outside the source are NaN.
 *
 * Nearest is a step function, so even a 1e-4 px coordinate error flips the class of the few
 * centres that land that close to a source pixel edge. Those centres (within twice the lattice's
 * measured error of an edge) are re-projected exactly, so nearest output equals exact projection
 * (gdalwarp -et 0) while costing only a small fraction of exact transforms.
 */
import { createPixelMapping, DEFAULT_MAX_ERROR_PIXELS, type PixelMapping } from './geo/pixel-mapping';
import type { GriddedRaster, RasterGrid } from './raster-types';
import { sampleBilinear, sampleNearest } from './resample';

export type Resampling = 'bilinear' | 'nearest';

export interface WarpOptions {
  readonly resampling: Resampling;
  /** Largest coordinate approximation error tolerated, in source pixels (default 0.05; 0 = exact). */
  readonly maxErrorPixels?: number;
}

export function warpRaster(source: GriddedRaster, target: RasterGrid, options: WarpOptions): Float32Array {
  const { data, grid } = source;
  if (data.length !== grid.width * grid.height) {
    throw new Error(`source has ${data.length} values, expected ${grid.width}×${grid.height}`);
  }
  const nearest = options.resampling === 'nearest';
  const sample = nearest ? sampleNearest : sampleBilinear;
  const mapping = createPixelMapping(target, grid, options.maxErrorPixels ?? DEFAULT_MAX_ERROR_PIXELS);
  const out = new Float32Array(target.width * target.height);
  const xs = new Float64Array(target.width);
  const ys = new Float64Array(target.width);
  for (let row = 0; row < target.height; row++) {
    mapping.fillRow(row, xs, ys);
    if (nearest) snapNearEdges(mapping, row, xs, ys);
    const offset = row * target.width;
    for (let col = 0; col < target.width; col++) {
      out[offset + col] = sample(data, grid.width, grid.height, xs[col], ys[col]);
    }
  }
  return out;
}

/** Replaces interpolated coordinates that are too close to a pixel edge to trust by exact ones. */
function snapNearEdges(mapping: PixelMapping, row: number, xs: Float64Array, ys: Float64Array): void {
  if (mapping.spacing === 1) return;
  const margin = 2 * mapping.maxErrorPixels + 1e-9;
  const exact = new Float64Array(2);
  for (let col = 0; col < xs.length; col++) {
    const x = xs[col];
    const y = ys[col];
    if (Math.abs(x - Math.round(x)) < margin || Math.abs(y - Math.round(y)) < margin) {
      mapping.exact(col, row, exact);
      xs[col] = exact[0];
      ys[col] = exact[1];
    }
  }
}
