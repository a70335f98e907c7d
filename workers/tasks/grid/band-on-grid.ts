/**
 * One source band brought onto a target tile grid, by the cheapest exact route:
 * - same lattice (the usual case: the output grid is the band's own grid) → one window read;
 * - same CRS, axis-aligned, nearest (SCL 20 m under a 10 m grid) → separable index tables;
 * - anything else (other resolution with bilinear, another UTM zone, another CRS) → the source
 *   window under the target is read and warped (workers/lib/warp.ts; bilinear NaN-aware, nearest
 *   for classes).
 * `prepare` turns raw samples into values before any interpolation (radiometry: nodata → NaN,
 * DN → reflectance), so bilinear never blends a nodata DN into its neighbours.
 */
import { gridWindow } from '../../lib/geo/grid-window';
import { inWindow } from '../../lib/geo/pixel-coordinates';
import type { PixelCoordinateCache } from '../../lib/geo/pixel-coordinate-cache';
import type { RasterGrid } from '../../lib/raster-types';
import { warpRaster, type Resampling } from '../../lib/warp';
import type { SourceBand } from '../../protocol/scene-recipe';
import { readWindow } from '../cog/read-window';
import { giveBack, takeFloat32 } from '../process/scratch';
import { latticeOffset, nearestTables, sourceWindowFor } from './grid-relation';

/** What a read needs besides the band: the task's signal, and how exact a warp's coordinates must be. */
export interface ReadContext {
  signal?: AbortSignal;
  /** Largest coordinate approximation error of a warp, in source pixels (warp.ts default 0.05). */
  maxErrorPixels?: number;
  /** Bound of the thread's decoded-tile cache while reading (cog/decoded-tiles.ts; default 24 MiB). */
  decodedTileBytes?: number;
  /** Target coordinates shared by the task's warps onto one target (several bands and scenes). */
  coordinates?: PixelCoordinateCache;
}

export type Prepare = (raw: Float32Array) => Float32Array;

const identity: Prepare = (raw) => raw;

async function readAligned(source: SourceBand, target: RasterGrid, offset: { col: number; row: number }, prepare: Prepare, io: ReadContext): Promise<Float32Array> {
  const raw = await readWindow({ ...source, x0: offset.col, y0: offset.row, width: target.width, height: target.height }, io.signal, io.decodedTileBytes);
  return prepare(raw);
}

async function readNearestTables(source: SourceBand, target: RasterGrid, tables: { cols: Int32Array; rows: Int32Array }, prepare: Prepare, io: ReadContext): Promise<Float32Array> {
  const { cols, rows } = tables;
  const x0 = Math.max(0, Math.min(...cols));
  const y0 = Math.max(0, Math.min(...rows));
  const x1 = Math.min(source.grid.width, Math.max(...cols) + 1);
  const y1 = Math.min(source.grid.height, Math.max(...rows) + 1);
  const out = takeFloat32(target.width * target.height).fill(NaN);
  if (x0 >= x1 || y0 >= y1) return out;
  const w = x1 - x0;
  const values = prepare(await readWindow({ ...source, x0, y0, width: w, height: y1 - y0 }, io.signal, io.decodedTileBytes));
  for (let r = 0; r < target.height; r++) {
    const row = rows[r];
    if (row < y0 || row >= y1) continue;
    const sourceRow = (row - y0) * w;
    const targetRow = r * target.width;
    for (let c = 0; c < target.width; c++) {
      const col = cols[c];
      if (col >= x0 && col < x1) out[targetRow + c] = values[sourceRow + col - x0];
    }
  }
  giveBack(values);
  return out;
}

async function readWarped(source: SourceBand, target: RasterGrid, resampling: Resampling, prepare: Prepare, io: ReadContext): Promise<Float32Array> {
  const window = sourceWindowFor(target, source.grid);
  if (!window) return takeFloat32(target.width * target.height).fill(NaN);
  const values = prepare(await readWindow({ ...source, ...window }, io.signal, io.decodedTileBytes));
  const grid = gridWindow(source.grid, window.x0, window.y0, window.width, window.height);
  const coordinates = io.coordinates && inWindow(io.coordinates.coordinatesFor(target, source.grid), window.x0, window.y0);
  const out = takeFloat32(target.width * target.height);
  const warped = warpRaster({ data: values, grid }, target, { resampling, maxErrorPixels: io.maxErrorPixels, coordinates, out });
  giveBack(values);
  return warped;
}

/**
 * The band's values on `target` (NaN where the source has none). `prepare` must work in place
 * (return its argument). The result may come from the scratch pool: give it back when done.
 */
export async function bandOnGrid(source: SourceBand, target: RasterGrid, resampling: Resampling, io: ReadContext, prepare: Prepare = identity): Promise<Float32Array> {
  const offset = latticeOffset(target, source.grid);
  if (offset) return readAligned(source, target, offset, prepare, io);
  if (resampling === 'nearest') {
    const tables = nearestTables(target, source.grid);
    if (tables) return readNearestTables(source, target, tables, prepare, io);
  }
  return readWarped(source, target, resampling, prepare, io);
}
