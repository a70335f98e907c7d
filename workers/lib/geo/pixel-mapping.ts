/**
 * Where each target pixel centre falls in the source raster, in continuous source pixel
 * coordinates. Projecting every pixel through proj4 is slow (~1 µs each), so, like GDAL's
 * approximate transformer, we project a coarse lattice of target pixels exactly and interpolate
 * bilinearly between lattice nodes. The lattice spacing starts at 32 pixels and is halved until the
 * interpolation error, measured against exact projections at the centre of every lattice cell, is
 * at most `maxErrorPixels` (default 0.05 source pixels); spacing 1 is exact. Cells touching a
 * point that cannot be projected fall back to exact per-pixel projection. Cells lying wholly beyond
 * one edge of the source (corners and centre) do not count towards the error: every pixel in them
 * is outside the source either way, and near a singularity (Mercator at the poles) they would
 * otherwise force exact projection everywhere. A mapping shared by other grids (pixel-coordinates.ts)
 * is built without that exemption: their extents differ, so no cell may go unchecked.
 */
import type { RasterGrid } from '../raster-types';
import { createPointTransform } from './crs';
import { invertGeoTransform, pixelToMap } from './geo-transform';

export const DEFAULT_MAX_ERROR_PIXELS = 0.05;
const INITIAL_SPACING = 32;

export interface PixelMapping {
  /** Fills source x (column) and y (row) coordinates for every pixel centre of target row `row`. */
  fillRow(row: number, xs: Float64Array, ys: Float64Array): void;
  /** Lattice spacing in target pixels that met the error bound (1 = every pixel projected). */
  readonly spacing: number;
  /** Largest interpolation error seen at the lattice cell centres, in source pixels. */
  readonly maxErrorPixels: number;
  /** The exact (projected, not interpolated) source coordinates of one target pixel centre. */
  exact(col: number, row: number, out: Float64Array): void;
}

export interface PixelMappingOptions {
  /** Cells wholly beyond one edge of the source do not count towards the error (default true). */
  readonly exemptOutside?: boolean;
}

export function createPixelMapping(target: RasterGrid, source: RasterGrid, maxErrorPixels = DEFAULT_MAX_ERROR_PIXELS, options: PixelMappingOptions = {}): PixelMapping {
  const exact = exactMapper(target, source);
  const exemptOutside = options.exemptOutside ?? true;
  for (let spacing = Math.min(INITIAL_SPACING, target.width - 1, target.height - 1); spacing > 1; spacing = Math.floor(spacing / 2)) {
    const lattice = buildLattice(target, source, spacing, exact, exemptOutside);
    if (lattice.maxError <= maxErrorPixels) return latticeMapping(target, lattice, exact);
  }
  return {
    spacing: 1,
    maxErrorPixels: 0,
    exact,
    fillRow(row, xs, ys) {
      const p = new Float64Array(2);
      for (let c = 0; c < target.width; c++) {
        exact(c, row, p);
        xs[c] = p[0];
        ys[c] = p[1];
      }
    },
  };
}

type ExactMapper = (col: number, row: number, out: Float64Array) => void;

function exactMapper(target: RasterGrid, source: RasterGrid): ExactMapper {
  const toSourceCrs = createPointTransform(target.crs, source.crs);
  const toSourcePixel = invertGeoTransform(source.transform);
  const map = new Float64Array(2);
  return (col, row, out) => {
    pixelToMap(target.transform, col + 0.5, row + 0.5, map);
    toSourceCrs(map[0], map[1], map);
    pixelToMap(toSourcePixel, map[0], map[1], out);
  };
}

interface Lattice {
  readonly spacing: number;
  readonly cols: Int32Array;
  readonly rows: Int32Array;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** 1 where a cell has a corner that could not be projected. */
  readonly broken: Uint8Array;
  readonly maxError: number;
}

function nodePositions(length: number, spacing: number): Int32Array {
  const positions: number[] = [];
  for (let p = 0; p < length - 1; p += spacing) positions.push(p);
  positions.push(length - 1);
  return Int32Array.from(positions);
}

/** True when all the points lie beyond the same edge of a width × height raster. */
function beyondOneEdge(xs: readonly number[], ys: readonly number[], width: number, height: number): boolean {
  return xs.every((x) => x < 0) || xs.every((x) => x > width) || ys.every((y) => y < 0) || ys.every((y) => y > height);
}

function buildLattice(target: RasterGrid, source: RasterGrid, spacing: number, exact: ExactMapper, exemptOutside: boolean): Lattice {
  const cols = nodePositions(target.width, spacing);
  const rows = nodePositions(target.height, spacing);
  const nc = cols.length;
  const xs = new Float64Array(nc * rows.length);
  const ys = new Float64Array(nc * rows.length);
  const p = new Float64Array(2);
  rows.forEach((row, j) => cols.forEach((col, i) => {
    exact(col, row, p);
    xs[j * nc + i] = p[0];
    ys[j * nc + i] = p[1];
  }));
  const broken = new Uint8Array((nc - 1) * (rows.length - 1));
  let maxError = 0;
  for (let j = 0; j + 1 < rows.length; j++) {
    for (let i = 0; i + 1 < nc; i++) {
      const corners = [j * nc + i, j * nc + i + 1, (j + 1) * nc + i, (j + 1) * nc + i + 1];
      const ax = corners.reduce((s, k) => s + xs[k], 0) / 4;
      const ay = corners.reduce((s, k) => s + ys[k], 0) / 4;
      exact((cols[i] + cols[i + 1]) / 2, (rows[j] + rows[j + 1]) / 2, p);
      if (!Number.isFinite(ax) || !Number.isFinite(ay) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        broken[j * (nc - 1) + i] = 1;
        continue;
      }
      const cornerXs = [...corners.map((k) => xs[k]), p[0]];
      const cornerYs = [...corners.map((k) => ys[k]), p[1]];
      if (exemptOutside && beyondOneEdge(cornerXs, cornerYs, source.width, source.height)) continue;
      maxError = Math.max(maxError, Math.abs(ax - p[0]), Math.abs(ay - p[1]));
    }
  }
  return { spacing, cols, rows, xs, ys, broken, maxError };
}

function latticeMapping(target: RasterGrid, lattice: Lattice, exact: ExactMapper): PixelMapping {
  const { spacing, cols, rows, xs, ys, broken } = lattice;
  const nc = cols.length;
  const rowXs = new Float64Array(nc);
  const rowYs = new Float64Array(nc);
  const p = new Float64Array(2);
  return {
    spacing,
    maxErrorPixels: lattice.maxError,
    exact,
    fillRow(row, outX, outY) {
      const j = Math.min(Math.floor(row / spacing), rows.length - 2);
      const wy = (row - rows[j]) / (rows[j + 1] - rows[j]);
      for (let i = 0; i < nc; i++) {
        const top = j * nc + i;
        const bottom = top + nc;
        rowXs[i] = xs[top] + (xs[bottom] - xs[top]) * wy;
        rowYs[i] = ys[top] + (ys[bottom] - ys[top]) * wy;
      }
      for (let c = 0; c < target.width; c++) {
        const i = Math.min(Math.floor(c / spacing), nc - 2);
        if (broken[j * (nc - 1) + i]) {
          exact(c, row, p);
          outX[c] = p[0];
          outY[c] = p[1];
          continue;
        }
        const wx = (c - cols[i]) / (cols[i + 1] - cols[i]);
        outX[c] = rowXs[i] + (rowXs[i + 1] - rowXs[i]) * wx;
        outY[c] = rowYs[i] + (rowYs[i + 1] - rowYs[i]) * wx;
      }
    },
  };
}
