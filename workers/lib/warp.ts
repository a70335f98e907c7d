/**
 * Reprojects a source raster window onto a target grid (any resolution, extent, supported CRS):
 * every target pixel centre is carried into the source raster (geo/pixel-mapping.ts, held for the
 * whole target by geo/pixel-coordinates.ts) and sampled there — bilinear for continuous values
 * such as reflectance (NaN-aware), nearest for classes and masks (warp-kernels.ts). Target pixels
 * whose centre falls outside the source are NaN.
 *
 * Nearest is a step function, so even a 1e-4 px coordinate error flips the class of the few
 * centres that land that close to a source pixel edge. Those centres (within twice the lattice's
 * measured error of an edge) are re-projected exactly, so nearest output equals exact projection
 * (gdalwarp -et 0) while costing only a small fraction of exact transforms.
 */
import { DEFAULT_MAX_ERROR_PIXELS } from './geo/pixel-mapping';
import { pixelCoordinates, type PixelCoordinates } from './geo/pixel-coordinates';
import type { GriddedRaster, RasterGrid } from './raster-types';
import { bilinearOnCoordinates, nearestOnCoordinates } from './warp-kernels';

export type Resampling = 'bilinear' | 'nearest';

export interface WarpOptions {
  readonly resampling: Resampling;
  /** Largest coordinate approximation error tolerated, in source pixels (default 0.05; 0 = exact). */
  readonly maxErrorPixels?: number;
  /**
   * The target's coordinates in this source's pixels, when the caller holds them already (shared
   * by several bands: geo/pixel-coordinate-cache.ts); else they are computed here.
   */
  readonly coordinates?: PixelCoordinates;
  /** Where to write (target width × height values); a new array when not given. */
  readonly out?: Float32Array;
}

export function warpRaster(source: GriddedRaster, target: RasterGrid, options: WarpOptions): Float32Array {
  const { data, grid } = source;
  if (data.length !== grid.width * grid.height) {
    throw new Error(`source has ${data.length} values, expected ${grid.width}×${grid.height}`);
  }
  const coordinates = options.coordinates ?? pixelCoordinates(target, grid, options.maxErrorPixels ?? DEFAULT_MAX_ERROR_PIXELS);
  if (coordinates.width !== target.width || coordinates.height !== target.height) {
    throw new Error(`coordinates are for ${coordinates.width}×${coordinates.height}, the target is ${target.width}×${target.height}`);
  }
  const out = options.out ?? new Float32Array(target.width * target.height);
  return options.resampling === 'nearest'
    ? nearestOnCoordinates(data, grid, coordinates, out)
    : bilinearOnCoordinates(data, grid, coordinates, out);
}
