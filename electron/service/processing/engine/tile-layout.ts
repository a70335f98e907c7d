/** The output tiles of a job: 512 × 512 windows aligned to the output grid, row-major. Pure. */
import { gridWindow } from '../../../../workers/lib/geo/grid-window';
import type { RasterGrid } from '../../../../workers/lib/raster-types';

export const OUTPUT_TILE_SIZE = 512;

export interface OutputTile {
  /** Row-major index: ty × tilesAcross + tx. */
  index: number;
  tx: number;
  ty: number;
  /** The tile's part of the output grid (edge tiles are cut to the raster). */
  grid: RasterGrid;
}

export function tilesAcross(grid: RasterGrid, size = OUTPUT_TILE_SIZE): number {
  return Math.ceil(grid.width / size);
}

export function tileCount(grid: RasterGrid, size = OUTPUT_TILE_SIZE): number {
  return tilesAcross(grid, size) * Math.ceil(grid.height / size);
}

export function outputTile(grid: RasterGrid, index: number, size = OUTPUT_TILE_SIZE): OutputTile {
  const across = tilesAcross(grid, size);
  const tx = index % across;
  const ty = Math.floor(index / across);
  const col = tx * size;
  const row = ty * size;
  return { index, tx, ty, grid: gridWindow(grid, col, row, Math.min(size, grid.width - col), Math.min(size, grid.height - row)) };
}
