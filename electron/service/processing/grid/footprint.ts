/**
 * Extents across CRSs: a grid's outline or a WGS84 box carried into another CRS by projecting
 * densified edges (a straight edge in one CRS is a curve in another), and back to a WGS84 bbox.
 * Pure.
 */
import { createPointTransform } from '../../../../workers/lib/geo/crs';
import { pixelToMap } from '../../../../workers/lib/geo/geo-transform';
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import type { Bbox } from '../../stac/types';

/** [minX, minY, maxX, maxY] in some CRS. */
export type Extent = [number, number, number, number];

const EDGE_POINTS = 32;

function outline(extent: Extent): Array<[number, number]> {
  const [x0, y0, x1, y1] = extent;
  const points: Array<[number, number]> = [];
  for (let i = 0; i <= EDGE_POINTS; i++) {
    const f = i / EDGE_POINTS;
    const x = x0 + (x1 - x0) * f;
    const y = y0 + (y1 - y0) * f;
    points.push([x, y0], [x, y1], [x0, y], [x1, y]);
  }
  return points;
}

/** The bounds, in `to`, of `extent` given in `from`; null when nothing could be projected. */
export function transformExtent(extent: Extent, from: string, to: string): Extent | null {
  const transform = createPointTransform(from, to);
  const out = new Float64Array(2);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outline(extent)) {
    transform(x, y, out);
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1])) continue;
    minX = Math.min(minX, out[0]);
    maxX = Math.max(maxX, out[0]);
    minY = Math.min(minY, out[1]);
    maxY = Math.max(maxY, out[1]);
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** The grid's extent in its own CRS. */
export function gridExtent(grid: RasterGrid): Extent {
  const corner = new Float64Array(2);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [c, r] of [[0, 0], [grid.width, 0], [0, grid.height], [grid.width, grid.height]]) {
    pixelToMap(grid.transform, c, r, corner);
    xs.push(corner[0]);
    ys.push(corner[1]);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A WGS84 box as an extent in `crs`; a box crossing the antimeridian is unwrapped first (east + 360). */
export function bboxToExtent(bbox: Bbox, crs: string): Extent | null {
  const [w, s, e, n] = bbox;
  return transformExtent([w, s, e < w ? e + 360 : e, n], 'EPSG:4326', crs);
}

/** The grid's footprint as a WGS84 bbox (rounded outward to 1e-7°). */
export function gridBboxWgs84(grid: RasterGrid): Bbox {
  const extent = transformExtent(gridExtent(grid), grid.crs, 'EPSG:4326');
  if (!extent) throw new Error(`the extent of a ${grid.crs} grid cannot be expressed in WGS84`);
  const down = (v: number) => Math.floor(v * 1e7) / 1e7;
  const up = (v: number) => Math.ceil(v * 1e7) / 1e7;
  return [down(extent[0]), down(extent[1]), up(extent[2]), up(extent[3])];
}

export function intersectExtents(a: Extent, b: Extent): Extent | null {
  const out: Extent = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return out[0] < out[2] && out[1] < out[3] ? out : null;
}
