/**
 * A tile computed in strips of rows (so a median's stack stays within its budget), and the area
 * mask of a strip: 1 where the pixel centre lies inside the area's outline, an exact crop of the
 * whole output grid's mask (workers/lib/cube/polygon-mask.ts).
 */
import { rasterizeGeometry } from '../../lib/cube/polygon-mask';
import { gridWindow } from '../../lib/geo/grid-window';
import type { RasterGrid } from '../../lib/raster-types';
import type { AreaOutline } from '../../protocol/area-tasks';

export interface Strip {
  /** The strip's grid. */
  grid: RasterGrid;
  /** First row within the tile. */
  row: number;
}

export function stripsOf(target: RasterGrid, stripRows: number | undefined): Strip[] {
  const rows = Math.max(1, Math.min(target.height, Math.floor(stripRows ?? target.height)));
  const strips: Strip[] = [];
  for (let row = 0; row < target.height; row += rows) {
    strips.push({ row, grid: rows >= target.height ? target : gridWindow(target, 0, row, target.width, Math.min(rows, target.height - row)) });
  }
  return strips;
}

/** The strip's inside-the-area mask; `col`, `row` place the tile in the output grid. */
export function stripAreaMask(outline: AreaOutline, col: number, row: number, strip: Strip): Uint8Array {
  return rasterizeGeometry({ type: 'MultiPolygon', coordinates: outline.polygons }, outline.grid, {
    col, row: row + strip.row, width: strip.grid.width, height: strip.grid.height,
  });
}

/** NaN outside the area, in place. */
export function keepInside(plane: Float32Array, inside: Uint8Array): Float32Array {
  for (let i = 0; i < plane.length; i++) if (!inside[i]) plane[i] = NaN;
  return plane;
}
