/**
 * The source tiles a band would read for a target grid (by band-on-grid.ts's routes: the same
 * window, the nearest tables' span, or the warp's projected outline) decoded ahead into the
 * thread's decoded-tile cache — for the output tile a worker will probably compute next, while it
 * computes this one (workers/tasks/area/warm-next-tile.ts).
 */
import type { RasterGrid } from '../../lib/raster-types';
import type { SourceBand } from '../../protocol/scene-recipe';
import { warmWindow } from '../cog/read-window';
import type { ReadContext } from './band-on-grid';
import { latticeOffset, nearestTables, sourceWindowFor, type PixelWindow } from './grid-relation';

function span(indices: Int32Array, length: number): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (const i of indices) {
    from = Math.min(from, i);
    to = Math.max(to, i);
  }
  return { from: Math.max(0, from), to: Math.min(length, to + 1) };
}

function windowOf(source: SourceBand, target: RasterGrid, nearest: boolean): PixelWindow | null {
  const offset = latticeOffset(target, source.grid);
  if (offset) return { x0: offset.col, y0: offset.row, width: target.width, height: target.height };
  const tables = nearest ? nearestTables(target, source.grid) : null;
  if (!tables) return sourceWindowFor(target, source.grid);
  const cols = span(tables.cols, source.grid.width);
  const rows = span(tables.rows, source.grid.height);
  if (cols.from >= cols.to || rows.from >= rows.to) return null;
  return { x0: cols.from, y0: rows.from, width: cols.to - cols.from, height: rows.to - rows.from };
}

export async function warmBand(source: SourceBand, target: RasterGrid, nearest: boolean, io: ReadContext): Promise<void> {
  const window = windowOf(source, target, nearest);
  if (window) await warmWindow({ ...source, ...window }, io.signal, io.decodedTileBytes);
}
