/**
 * The output grid of a processing job: the finest grid among the bands the expression reads
 * (Sentinel-2 B04/B08: 10 m; Landsat: 30 m), cropped to the requested bbox and, for change
 * detection, to where the other scene has pixels, snapped outward to whole pixels of that grid;
 * optionally resampled to another pixel size over the same extent. North-up grids only. Pure.
 */
import type { GeoTransform } from '../../../../workers/lib/geo/geo-transform';
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import { gridExtent, intersectExtents, type Extent } from './footprint';

/** The grid with the smallest pixels (ties: the first). */
export function finestGrid(grids: readonly RasterGrid[]): RasterGrid {
  return grids.reduce((best, grid) => (Math.abs(grid.transform[1]) < Math.abs(best.transform[1]) ? grid : best));
}

/** Tolerance, in pixels, for an extent edge that lies on a pixel edge but for rounding. */
const SNAP = 1e-6;

/**
 * The part of `grid` covering `extent` (in the grid's CRS), snapped outward to whole pixels;
 * null when they do not overlap.
 */
export function cropGrid(grid: RasterGrid, extent: Extent): RasterGrid | null {
  const inside = intersectExtents(gridExtent(grid), extent);
  if (!inside) return null;
  const [x0, w, , y0, , h] = grid.transform;
  const col0 = Math.max(0, Math.floor((inside[0] - x0) / w + SNAP));
  const col1 = Math.min(grid.width, Math.ceil((inside[2] - x0) / w - SNAP));
  const row0 = Math.max(0, Math.floor((inside[3] - y0) / h + SNAP));
  const row1 = Math.min(grid.height, Math.ceil((inside[1] - y0) / h - SNAP));
  if (col1 <= col0 || row1 <= row0) return null;
  const transform: GeoTransform = [x0 + col0 * w, w, 0, y0 + row0 * h, 0, h];
  return { crs: grid.crs, width: col1 - col0, height: row1 - row0, transform };
}

/** The same extent (rounded up to whole new pixels) at `resolution` CRS units per pixel. */
export function withResolution(grid: RasterGrid, resolution: number): RasterGrid {
  const [x0, w, , y0, , h] = grid.transform;
  const width = Math.max(1, Math.ceil((grid.width * Math.abs(w)) / resolution - SNAP));
  const height = Math.max(1, Math.ceil((grid.height * Math.abs(h)) / resolution - SNAP));
  return { crs: grid.crs, width, height, transform: [x0, Math.sign(w) * resolution, 0, y0, 0, Math.sign(h) * resolution] };
}

/** Pixel size (absolute, CRS units). */
export function pixelSize(grid: RasterGrid): number {
  return Math.abs(grid.transform[1]);
}
