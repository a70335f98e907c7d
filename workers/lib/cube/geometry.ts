/**
 * The area shapes the cube works with: a lon/lat bbox or a GeoJSON Polygon / MultiPolygon, and
 * their outline densified and projected into a grid's CRS. Edges are straight in lon/lat (as
 * GeoJSON means them), so they are subdivided before projection: no piece longer than
 * `stepDegrees` (default 0.01°, about 1 km). A bbox edge is cut into a multiple of 20 pieces, so
 * the 21 points per edge GDAL samples (OCTTransformBounds, gdalwarp -te_srs) are among ours and
 * our bounds are never narrower than GDAL's. An area crossing the antimeridian is read as one
 * piece: a bbox whose west is greater than its east, or a polygon spanning more than 180° of
 * longitude, has its western longitudes carried past +180 (proj wraps them for projected CRSs; in
 * EPSG:4326 x then exceeds 180).
 */
import { createPointTransform } from '../geo/crs';

export type Position = readonly number[];
export interface PolygonGeometry { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
export interface MultiPolygonGeometry { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] }
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
/** [west, south, east, north] in degrees; west > east crosses the antimeridian. */
export type LonLatBbox = readonly [number, number, number, number];
export type AreaOfInterest = LonLatBbox | AreaGeometry;

export const DEFAULT_STEP_DEGREES = 0.01;
/** GDAL samples 21 points per bbox edge. */
const BBOX_EDGE_STEPS = 20;

export function isBbox(area: AreaOfInterest): area is LonLatBbox {
  return Array.isArray(area);
}

/** A polygon as rings of [x, y] (the first the outer ring, the others holes). */
export type Rings = [number, number][][];

/** The polygons of a Polygon or MultiPolygon, each as its rings (outer ring first, then holes). */
export function polygonsOf(geometry: AreaGeometry): (readonly (readonly Position[])[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : [...geometry.coordinates];
}

/** The area as lon/lat polygons of closed rings, antimeridian-crossing areas unwrapped past +180. */
export function lonLatPolygons(area: AreaOfInterest): Rings[] {
  if (isBbox(area)) {
    const [w, s, e0, n] = area;
    if (![w, s, e0, n].every(Number.isFinite) || s > n || s < -90 || n > 90) throw new Error(`invalid bbox [${area.join(', ')}]`);
    const e = e0 < w ? e0 + 360 : e0;
    return [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]];
  }
  const polygons = polygonsOf(area).map((rings) => rings.map((ring) => ring.map((p) => {
    if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new Error('polygon has a position without two finite coordinates');
    return [p[0], p[1]] as [number, number];
  })));
  if (polygons.length === 0 || polygons.some((rings) => rings.length === 0 || rings.some((r) => r.length < 4))) {
    throw new Error('every polygon needs an outer ring, and every ring at least 4 positions');
  }
  const points = polygons.flat(2);
  const [west, , east] = extent(points);
  if (east - west > 180) for (const p of points) if (p[0] < 0) p[0] += 360;
  return polygons;
}

/** [west, south, east, north] of the area in lon/lat (east may exceed 180 across the antimeridian). */
export function lonLatBounds(area: AreaOfInterest): [number, number, number, number] {
  return extent(lonLatPolygons(area).flat(2));
}

/** [xmin, ymin, xmax, ymax] of points (a loop: spreading a long outline into Math.min overflows the stack). */
export function extent(points: readonly (readonly [number, number])[]): [number, number, number, number] {
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (const [x, y] of points) {
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  return [xmin, ymin, xmax, ymax];
}

/** Centre of the lon/lat bounds, longitude brought back into [−180, 180). */
export function areaCentre(area: AreaOfInterest): [number, number] {
  const [w, s, e, n] = lonLatBounds(area);
  const lon = (w + e) / 2;
  return [lon >= 180 ? lon - 360 : lon, (s + n) / 2];
}

/** `quantum` > 1: pieces per edge a multiple of it (bbox edges); 1: just short enough. */
function densifyRing(ring: readonly [number, number][], stepDegrees: number, quantum: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const steps = quantum * Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / (quantum * stepDegrees)));
    for (let k = 0; k < steps; k++) out.push([x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps]);
  }
  out.push(ring[ring.length - 1]);
  return out;
}

/**
 * The area densified and projected into `crs`, as a MultiPolygon (a bbox is one polygon of one
 * ring) ready for polygon-mask.ts. Throws when a point cannot be projected.
 */
export function projectArea(area: AreaOfInterest, crs: string, stepDegrees = DEFAULT_STEP_DEGREES): MultiPolygonGeometry & { coordinates: Rings[] } {
  if (!(stepDegrees > 0)) throw new Error(`invalid densification step ${stepDegrees}`);
  const transform = createPointTransform('EPSG:4326', crs);
  const out = new Float64Array(2);
  const quantum = isBbox(area) ? BBOX_EDGE_STEPS : 1;
  const project = ([lon, lat]: [number, number]): [number, number] => {
    transform(lon, lat, out);
    if (Number.isNaN(out[0]) || Number.isNaN(out[1])) throw new Error(`the area cannot be projected to ${crs} (at ${lon}, ${lat})`);
    return [out[0], out[1]];
  };
  const coordinates = lonLatPolygons(area).map((rings) => rings.map((ring) => densifyRing(ring, stepDegrees, quantum).map(project)));
  return { type: 'MultiPolygon', coordinates };
}
