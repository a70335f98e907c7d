/**
 * How a target grid sits on a source grid, to pick the cheapest exact way of bringing source
 * pixels onto it: the same lattice (a plain window copy), an axis-aligned lattice in the same CRS
 * (separable nearest-neighbour tables), or anything else (a warp). Also the source pixel window a
 * target grid needs, found by projecting its outline. Pure.
 */
import { createPointTransform, normaliseCrs } from '../../lib/geo/crs';
import { invertGeoTransform, isNorthUp, pixelToMap } from '../../lib/geo/geo-transform';
import type { RasterGrid } from '../../lib/raster-types';

/** Relative tolerance for "same pixel size" and "whole-pixel offset". */
const EPSILON = 1e-6;

export function sameCrs(a: RasterGrid, b: RasterGrid): boolean {
  return normaliseCrs(a.crs) === normaliseCrs(b.crs);
}

function nearInteger(value: number): boolean {
  return Math.abs(value - Math.round(value)) < EPSILON;
}

/**
 * The whole-pixel offset (column, row) of `target` inside `source` when both share CRS, pixel size
 * and lattice; null otherwise.
 */
export function latticeOffset(target: RasterGrid, source: RasterGrid): { col: number; row: number } | null {
  if (!sameCrs(target, source) || !isNorthUp(target.transform) || !isNorthUp(source.transform)) return null;
  const [tx, tw, , ty, , th] = target.transform;
  const [sx, sw, , sy, , sh] = source.transform;
  if (Math.abs(tw - sw) > EPSILON * Math.abs(sw) || Math.abs(th - sh) > EPSILON * Math.abs(sh)) return null;
  const col = (tx - sx) / sw;
  const row = (ty - sy) / sh;
  if (!nearInteger(col) || !nearInteger(row)) return null;
  return { col: Math.round(col), row: Math.round(row) };
}

/**
 * For axis-aligned grids in one CRS: the source column of every target column centre and the
 * source row of every target row centre (floor; may lie outside the source). Null otherwise.
 */
export function nearestTables(target: RasterGrid, source: RasterGrid): { cols: Int32Array; rows: Int32Array } | null {
  if (!sameCrs(target, source) || !isNorthUp(target.transform) || !isNorthUp(source.transform)) return null;
  const [tx, tw, , ty, , th] = target.transform;
  const [sx, sw, , sy, , sh] = source.transform;
  const cols = new Int32Array(target.width);
  const rows = new Int32Array(target.height);
  // A tiny nudge keeps centres that land exactly on a source edge (after rounding) on one side.
  for (let c = 0; c < target.width; c++) cols[c] = Math.floor((tx + (c + 0.5) * tw - sx) / sw + 1e-9);
  for (let r = 0; r < target.height; r++) rows[r] = Math.floor((ty + (r + 0.5) * th - sy) / sh + 1e-9);
  return { cols, rows };
}

/** 0, step, 2·step, …, and `length` itself. */
function outlinePositions(length: number, step: number): number[] {
  const positions: number[] = [];
  for (let p = 0; p < length; p += step) positions.push(p);
  positions.push(length);
  return positions;
}

export interface PixelWindow {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/**
 * The window of `source` pixels that covers `target`, found by projecting points along the
 * target's outline (every `step` pixels) into the source grid, padded by `pad` pixels and clipped
 * to the source. Null when they do not meet.
 */
export function sourceWindowFor(target: RasterGrid, source: RasterGrid, pad = 2, step = 16): PixelWindow | null {
  const toSource = createPointTransform(target.crs, source.crs);
  const toPixel = invertGeoTransform(source.transform);
  const map = new Float64Array(2);
  const pixel = new Float64Array(2);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (col: number, row: number): void => {
    pixelToMap(target.transform, col, row, map);
    toSource(map[0], map[1], map);
    pixelToMap(toPixel, map[0], map[1], pixel);
    if (!Number.isFinite(pixel[0]) || !Number.isFinite(pixel[1])) return;
    minX = Math.min(minX, pixel[0]);
    maxX = Math.max(maxX, pixel[0]);
    minY = Math.min(minY, pixel[1]);
    maxY = Math.max(maxY, pixel[1]);
  };
  for (const c of outlinePositions(target.width, step)) {
    visit(c, 0);
    visit(c, target.height);
  }
  for (const r of outlinePositions(target.height, step)) {
    visit(0, r);
    visit(target.width, r);
  }
  if (!Number.isFinite(minX)) return null;
  const x0 = Math.max(0, Math.floor(minX) - pad);
  const y0 = Math.max(0, Math.floor(minY) - pad);
  const x1 = Math.min(source.width, Math.ceil(maxX) + pad);
  const y1 = Math.min(source.height, Math.ceil(maxY) + pad);
  if (x0 >= x1 || y0 >= y1) return null;
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}
