/**
 * Whether a scene's footprint meets an area of interest, as OGR's Intersects does in lon/lat
 * (boundaries count): the exact test behind "the scenes of an area", since some catalogs answer
 * `intersects` with bounding boxes. Planar in degrees, like GeoJSON edges; a footprint that is not
 * a polygon, or anything spanning more than 180° of longitude (the antimeridian), is kept as the
 * catalog answered it. Pure.
 */
import type { AreaOfInterest } from '../../../jobs/area-job-types';
import type { Geometry } from '../../../stac/types';

type Point = readonly [number, number];
type Ring = Point[];
/** A polygon as its rings (outer first, holes after). */
type Polygon = Ring[];

function ringsOf(coordinates: number[][][]): Polygon {
  return coordinates.map((ring) => ring.map((p) => [p[0], p[1]] as const));
}

function polygonsOfGeometry(geometry: Geometry): Polygon[] | null {
  if (geometry.type === 'Polygon') return [ringsOf(geometry.coordinates)];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map(ringsOf);
  return null;
}

function polygonsOfArea(area: AreaOfInterest): Polygon[] {
  if (Array.isArray(area)) {
    const [w, s, e, n] = area;
    return [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]];
  }
  return polygonsOfGeometry(area as Geometry) ?? [];
}

function span(polygons: readonly Polygon[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const rings of polygons) for (const ring of rings) for (const [x] of ring) { min = Math.min(min, x); max = Math.max(max, x); }
  return max - min;
}

/** Even-odd over every ring (holes are holes); a point on an edge counts as inside. */
function inside(point: Point, rings: Polygon): boolean {
  const [x, y] = point;
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (onSegment(point, ring[j], ring[i])) return true;
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: Point, a: Point, b: Point): boolean {
  return cross(a, b, p) === 0 && Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

function edgesMeet(p: Polygon, q: Polygon): boolean {
  for (const r of p) for (let i = 1; i < r.length; i++) {
    for (const s of q) for (let j = 1; j < s.length; j++) if (segmentsMeet(r[i - 1], r[i], s[j - 1], s[j])) return true;
  }
  return false;
}

function polygonsMeet(p: Polygon, q: Polygon): boolean {
  return edgesMeet(p, q) || p.some((ring) => ring.some((pt) => inside(pt, q))) || q.some((ring) => ring.some((pt) => inside(pt, p)));
}

export function footprintMeetsArea(footprint: Geometry | null, area: AreaOfInterest | [number, number]): boolean {
  const scene = footprint ? polygonsOfGeometry(footprint) : null;
  if (!scene || scene.length === 0) return true;
  if (Array.isArray(area) && area.length === 2) {
    const point: Point = [area[0], area[1]];
    return span(scene) > 180 || scene.some((rings) => inside(point, rings));
  }
  const polygons = polygonsOfArea(area as AreaOfInterest);
  const crossesAntimeridian = Array.isArray(area) && area.length === 4 && area[0] > area[2];
  if (span(scene) > 180 || span(polygons) > 180 || crossesAntimeridian) return true;
  return scene.some((p) => polygons.some((q) => polygonsMeet(p, q)));
}
