/**
 * The antimeridian (±180°). A search bbox with minLon > maxLon crosses it and is searched as two
 * boxes, because some upstreams (pgstac behind Planetary Computer) read such a box as the whole
 * latitude band (docs/providers.md §7). Footprints that cross it are cut into an RFC 7946
 * MultiPolygon (§3.1.9) by `splitPolygonAtAntimeridian`.
 */
import type { Bbox, Geometry, Position } from '../stac/types';

type Polygon = Extract<Geometry, { type: 'Polygon' }>;
type MultiPolygon = Extract<Geometry, { type: 'MultiPolygon' }>;

export function crossesAntimeridian(bbox: Bbox): boolean {
  return bbox[0] > bbox[2];
}

/** `[w,s,e,n]` with w > e becomes `[w,s,180,n]` and `[-180,s,e,n]`; any other box stays whole. */
export function splitBbox(bbox: Bbox): Bbox[] {
  if (!crossesAntimeridian(bbox)) return [bbox];
  const [west, south, east, north] = bbox;
  return [[west, south, 180, north], [-180, south, east, north]];
}

interface Segment { coords: Position[] }

/**
 * Cuts a (Multi)Polygon whose edges jump more than 180° in longitude — the usual sign of a
 * footprint reprojected across the antimeridian — into parts that each stay within -180..180,
 * closing each part along the meridian. Exterior rings come out counter-clockwise. A ring that
 * crosses an odd number of times encloses a pole and is closed over it. Geometries without such a
 * jump are returned unchanged. Follows the segment-and-stitch idea of the `antimeridian` package.
 */
export function splitPolygonAtAntimeridian(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!polygons.some((rings) => rings.some(ringCrosses))) return geometry;
  const parts = polygons.flatMap(splitRings);
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

function splitRings(rings: Position[][]): Position[][][] {
  const [outer, ...holes] = rings;
  if (!ringCrosses(outer)) return [rings];
  const segments: Segment[] = [...segmentRing(orient(outer, true))];
  const keptHoles: Position[][] = [];
  for (const hole of holes) {
    if (ringCrosses(hole)) segments.push(...segmentRing(orient(hole, false)));
    else keptHoles.push(hole);
  }
  const exteriors = stitch(segments);
  const parts: Position[][][] = exteriors.map((ring) => [ring]);
  for (const hole of keptHoles) {
    const home = parts.find((part) => pointInRing(hole[0], part[0]));
    if (home) home.push(hole);
  }
  return parts;
}

function ringCrosses(ring: Position[]): boolean {
  return ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
}

/** Orientation judged on the unwrapped ring (each jump undone by ±360°). */
function orient(ring: Position[], counterClockwise: boolean): Position[] {
  let offset = 0;
  let area = 0;
  let previous: Position = ring[0];
  for (let i = 1; i < ring.length; i += 1) {
    const delta = ring[i][0] - ring[i - 1][0];
    if (delta > 180) offset -= 360;
    else if (delta < -180) offset += 360;
    const current: Position = [ring[i][0] + offset, ring[i][1]];
    area += previous[0] * current[1] - current[0] * previous[1];
    previous = current;
  }
  // A pole-enclosing ring does not close when unwrapped; its direction is kept as given.
  if (offset !== 0 || (area > 0) === counterClockwise) return ring;
  return [...ring].reverse();
}

/** Cuts a closed ring at every jump; each segment then starts and ends on ±180. */
function segmentRing(ring: Position[]): Segment[] {
  const segments: Position[][] = [[ring[0]]];
  for (let i = 1; i < ring.length; i += 1) {
    const a = ring[i - 1];
    const b = ring[i];
    const delta = b[0] - a[0];
    if (Math.abs(delta) > 180) {
      const side = delta < 0 ? 180 : -180;
      const bLon = b[0] + (delta < 0 ? 360 : -360);
      const lat = a[1] + ((side - a[0]) / (bLon - a[0])) * (b[1] - a[1]);
      push(segments[segments.length - 1], [side, lat]);
      segments.push([[-side, lat]]);
    }
    push(segments[segments.length - 1], b);
  }
  // The ring's last position is its first, so the last segment runs on into the first one.
  const last = segments.pop() as Position[];
  for (const p of segments[0].slice(1)) push(last, p);
  segments[0] = last;
  return segments.map((coords) => ({ coords }));
}

function push(coords: Position[], p: Position): void {
  const top = coords[coords.length - 1];
  if (!top || top[0] !== p[0] || top[1] !== p[1]) coords.push(p);
}

/**
 * Joins segments into closed rings: from an end on +180 the boundary runs north to the nearest
 * segment start on +180; from an end on -180 it runs south. Past a pole it crosses over.
 */
function stitch(segments: Segment[]): Position[][] {
  const rings: Position[][] = [];
  const open = [...segments];
  while (open.length > 0) {
    const ring = [...(open.shift() as Segment).coords];
    const start = ring[0];
    for (let guard = 0; guard <= segments.length + 2; guard += 1) {
      const end = ring[ring.length - 1];
      const next = nearestStart(end, open, start);
      if (next === 'pole') {
        const lat = end[0] === 180 ? 90 : -90;
        push(ring, [end[0], lat]);
        push(ring, [-end[0], lat]);
        continue;
      }
      if (next === 'own') break;
      open.splice(open.indexOf(next), 1);
      for (const p of next.coords) push(ring, p);
    }
    push(ring, start);
    rings.push(ring);
  }
  return rings;
}

function nearestStart(end: Position, open: Segment[], ownStart: Position): Segment | 'own' | 'pole' {
  const north = end[0] === 180;
  const ahead = (lat: number) => (north ? lat >= end[1] : lat <= end[1]);
  let best: { lat: number; target: Segment | 'own' } | null = null;
  const consider = (p: Position, target: Segment | 'own') => {
    if (p[0] !== end[0] || !ahead(p[1])) return;
    if (!best || (north ? p[1] < best.lat : p[1] > best.lat)) best = { lat: p[1], target };
  };
  consider(ownStart, 'own');
  for (const segment of open) consider(segment.coords[0], segment);
  return best ? (best as { target: Segment | 'own' }).target : 'pole';
}

function pointInRing(point: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > point[1]) !== (yj > point[1]) && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
