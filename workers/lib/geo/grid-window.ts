/**
 * A rectangular window of a grid as a grid of its own, so a big product can be processed tile by
 * tile: warp each tile's window, compute, merge stats. Windows may extend past the grid's edges.
 */
import type { RasterGrid } from '../raster-types';

export function gridWindow(grid: RasterGrid, col: number, row: number, width: number, height: number): RasterGrid {
  if (!Number.isInteger(col) || !Number.isInteger(row) || !(width > 0) || !(height > 0)) {
    throw new Error(`invalid window ${col},${row} ${width}×${height}`);
  }
  const t = grid.transform;
  return {
    crs: grid.crs,
    width,
    height,
    transform: [t[0] + col * t[1] + row * t[2], t[1], t[2], t[3] + col * t[4] + row * t[5], t[4], t[5]],
  };
}

/** The windows of at most `tileSize` × `tileSize` pixels that cover a grid, row-major. */
export function tileWindows(grid: RasterGrid, tileSize: number): { col: number; row: number; grid: RasterGrid }[] {
  const tiles: { col: number; row: number; grid: RasterGrid }[] = [];
  for (let row = 0; row < grid.height; row += tileSize) {
    for (let col = 0; col < grid.width; col += tileSize) {
      const width = Math.min(tileSize, grid.width - col);
      const height = Math.min(tileSize, grid.height - row);
      tiles.push({ col, row, grid: gridWindow(grid, col, row, width, height) });
    }
  }
  return tiles;
}
