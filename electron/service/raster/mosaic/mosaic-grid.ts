/**
 * The one grid several GeoTIFFs of a result are mosaicked onto (a remote openEO back-end may split
 * a result over several files): the union of their extents on their common pixel lattice. The
 * files must share CRS, pixel size, north-up orientation and band count, and their origins must
 * lie on one lattice (whole pixels apart); otherwise they are refused with the difference named —
 * ASTRA does not resample another's result. Pure.
 */
import type { GeoTransform } from '../../../../workers/lib/geo/geo-transform';

/** What a GeoTIFF says about its grid (geotiff-grid.ts reads it). */
export interface SourceGrid {
  /** For messages: the file's name or asset key. */
  label: string;
  epsg: number;
  width: number;
  height: number;
  transform: GeoTransform;
  bands: number;
  nodata: number | null;
}

export interface MosaicGrid {
  epsg: number;
  width: number;
  height: number;
  transform: GeoTransform;
  bands: number;
  /** Each source's pixel offset in the mosaic (column, row). */
  offsets: Array<{ column: number; row: number }>;
}

/** Lattice agreement: sizes and offsets within a millionth of a pixel. */
const TOLERANCE = 1e-6;

const near = (a: number, b: number, unit: number): boolean => Math.abs(a - b) <= TOLERANCE * Math.abs(unit);

export class MosaicError extends Error {}

export function mosaicGrid(sources: readonly SourceGrid[]): MosaicGrid {
  if (sources.length === 0) throw new MosaicError('no GeoTIFF to mosaic');
  const [first] = sources;
  const [, px, , , , py] = first.transform;
  for (const source of sources) {
    const t = source.transform;
    if (t[2] !== 0 || t[4] !== 0 || t[1] <= 0 || t[5] >= 0) throw new MosaicError(`${source.label} is not a north-up raster`);
    if (source.epsg !== first.epsg) throw new MosaicError(`${source.label} is in EPSG:${source.epsg}, ${first.label} in EPSG:${first.epsg}`);
    if (!near(t[1], px, px) || !near(t[5], py, py)) throw new MosaicError(`${source.label} has ${t[1]}×${-t[5]} pixels, ${first.label} ${px}×${-py}`);
    if (source.bands !== first.bands) throw new MosaicError(`${source.label} has ${source.bands} bands, ${first.label} ${first.bands}`);
  }
  const columnOf = (x: number) => (x - first.transform[0]) / px;
  const rowOf = (y: number) => (y - first.transform[3]) / py;
  for (const source of sources) {
    const column = columnOf(source.transform[0]);
    const row = rowOf(source.transform[3]);
    if (Math.abs(column - Math.round(column)) > TOLERANCE || Math.abs(row - Math.round(row)) > TOLERANCE) {
      throw new MosaicError(`${source.label} is not on the pixel lattice of ${first.label} (offset ${column.toFixed(4)}, ${row.toFixed(4)} pixels)`);
    }
  }
  const left = Math.min(...sources.map((s) => Math.round(columnOf(s.transform[0]))));
  const top = Math.min(...sources.map((s) => Math.round(rowOf(s.transform[3]))));
  const right = Math.max(...sources.map((s) => Math.round(columnOf(s.transform[0])) + s.width));
  const bottom = Math.max(...sources.map((s) => Math.round(rowOf(s.transform[3])) + s.height));
  return {
    epsg: first.epsg,
    width: right - left,
    height: bottom - top,
    transform: [first.transform[0] + left * px, px, 0, first.transform[3] + top * py, 0, py],
    bands: first.bands,
    offsets: sources.map((s) => ({ column: Math.round(columnOf(s.transform[0])) - left, row: Math.round(rowOf(s.transform[3])) - top })),
  };
}

/** The part of a source inside an output window, in source pixels and in window pixels; null when none. */
export function overlap(
  window: { column: number; row: number; width: number; height: number },
  source: { column: number; row: number; width: number; height: number },
): { source: [number, number, number, number]; into: { column: number; row: number } } | null {
  const x0 = Math.max(window.column, source.column);
  const y0 = Math.max(window.row, source.row);
  const x1 = Math.min(window.column + window.width, source.column + source.width);
  const y1 = Math.min(window.row + window.height, source.row + source.height);
  if (x0 >= x1 || y0 >= y1) return null;
  return { source: [x0 - source.column, y0 - source.row, x1 - source.column, y1 - source.row], into: { column: x0 - window.column, row: y0 - window.row } };
}
