/**
 * Footprints that cross ±180° become RFC 7946 MultiPolygons cut at the antimeridian, with a bbox
 * whose west edge is greater than its east edge (RFC 7946 §3.1.9, §5.2).
 *
 * NOTE: catalogs disagree on how they store such footprints (providers.md §7): Earth Search C1
 * and stactools split them already; Planetary Computer Landsat items are "normalized" with
 * longitudes below -180 (microsoft/PlanetaryComputer#296); naive footprints jump from +179 to
 * -179 inside one ring. All three are unwrapped to continuous longitudes and cut here.
 */
import type { Bbox, Geometry, Position } from '../../stac/types';
import { cleanRing } from './geometry';

type Ring = Position[];
type Polygon = Ring[];

/** Shifts each longitude by multiples of 360 so that no edge spans more than 180 degrees. */
export function unwrapRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const [lon, lat] of ring) {
    if (out.length === 0) {
      out.push([lon, lat]);
      continue;
    }
    const previous = out[out.length - 1][0];
    let unwrapped = lon;
    while (unwrapped - previous > 180) unwrapped -= 360;
    while (previous - unwrapped > 180) unwrapped += 360;
    out.push([unwrapped, lat]);
  }
  return out;
}

function shiftRing(ring: Ring, dLon: number): Ring {
  return ring.map(([lon, lat]) => [lon + dLon, lat]);
}

function crossAt(p: Position, q: Position, lon: number): Position {
  const t = (lon - p[0]) / (q[0] - p[0]);
  return [lon, p[1] + t * (q[1] - p[1])];
}

/**
 * Sutherland–Hodgman against one vertical line on an open ring (no repeated closing vertex);
 * `keepWest` keeps lon <= line, else lon >= line.
 */
function clipOpenRingAt(open: Ring, line: number, keepWest: boolean): Ring {
  const inside = (p: Position): boolean => (keepWest ? p[0] <= line : p[0] >= line);
  const out: Ring = [];
  for (let i = 0; i < open.length; i += 1) {
    const p = open[i];
    const q = open[(i + 1) % open.length];
    if (inside(q)) {
      if (!inside(p)) out.push(crossAt(p, q, line));
      out.push(q);
    } else if (inside(p)) {
      out.push(crossAt(p, q, line));
    }
  }
  return out;
}

function ringArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i += 1) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return twice / 2;
}

function clipRingToWindow(ring: Ring, west: number, east: number): Ring | null {
  const clipped = clipOpenRingAt(clipOpenRingAt(ring.slice(0, -1), east, true), west, false);
  const closed = clipped.length > 0 ? cleanRing([...clipped, clipped[0]]) : null;
  return closed && Math.abs(ringArea(closed)) > 1e-12 ? closed : null;
}

function lonRange(rings: Ring[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const ring of rings) for (const [lon] of ring) {
    min = Math.min(min, lon);
    max = Math.max(max, lon);
  }
  return [min, max];
}

/** One polygon → one or more polygons inside [-180, 180]. */
export function splitPolygon(polygon: Polygon): Polygon[] {
  const exterior = unwrapRing(polygon[0]);
  const closesAroundPole = Math.abs(exterior[exterior.length - 1][0] - exterior[0][0]) > 180;
  if (closesAroundPole) return [polygon];
  const [min, max] = lonRange([exterior]);
  const holes = polygon.slice(1).map((hole) => {
    const unwrapped = unwrapRing(hole);
    const shift = Math.round(((min + max) / 2 - unwrapped[0][0]) / 360) * 360;
    return shiftRing(unwrapped, shift);
  });
  if (min >= -180 && max <= 180) return [[exterior, ...holes]];

  const parts: Polygon[] = [];
  for (let k = Math.floor((min + 180) / 360); k * 360 - 180 < max; k += 1) {
    const west = k * 360 - 180;
    const east = west + 360;
    const outer = clipRingToWindow(exterior, west, east);
    if (!outer) continue;
    const inner = holes.map((hole) => clipRingToWindow(hole, west, east)).filter((ring): ring is Ring => ring !== null);
    parts.push([outer, ...inner].map((ring) => shiftRing(ring, -k * 360)));
  }
  return parts.length > 0 ? parts : [polygon];
}

function wrapLongitude(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** The geometry's position lists (rings, lines), without copying any position. */
function positionLists(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Point': return [[geometry.coordinates]];
    case 'MultiPoint':
    case 'LineString': return [geometry.coordinates];
    case 'MultiLineString':
    case 'Polygon': return geometry.coordinates;
    case 'MultiPolygon': return geometry.coordinates.flat();
  }
}

function lonInterval(lists: Position[][]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const list of lists) for (const position of list) {
    min = Math.min(min, position[0]);
    max = Math.max(max, position[0]);
  }
  return [min, max];
}

/** Longitude intervals of the geometry's parts, used to find the tightest circular extent. */
function partIntervals(geometry: Geometry): Array<[number, number]> {
  switch (geometry.type) {
    case 'MultiPolygon': return geometry.coordinates.map(lonInterval);
    case 'MultiPoint': return geometry.coordinates.map(([lon]) => [lon, lon]);
    case 'MultiLineString': return geometry.coordinates.flatMap((line) => line.map(([lon]): [number, number] => [lon, lon]));
    default: return [lonInterval(positionLists(geometry))];
  }
}

/**
 * [west, south, east, north] of a geometry whose longitudes are within ±180. The longitude
 * extent is the shortest arc covering every part, so parts on both sides of the antimeridian
 * give west > east.
 */
export function geometryBbox(geometry: Geometry): Bbox {
  let south = Infinity;
  let north = -Infinity;
  for (const list of positionLists(geometry)) for (const position of list) {
    south = Math.min(south, position[1]);
    north = Math.max(north, position[1]);
  }
  const merged: Array<[number, number]> = [];
  for (const [start, end] of partIntervals(geometry).sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let west = merged[0][0];
  let east = merged[merged.length - 1][1];
  let largestGap = west + 360 - east;
  for (let i = 0; i + 1 < merged.length; i += 1) {
    const gap = merged[i + 1][0] - merged[i][1];
    if (gap > largestGap) {
      largestGap = gap;
      west = merged[i + 1][0];
      east = merged[i][1];
    }
  }
  if (largestGap <= 0) return [-180, south, 180, north];
  return [west, south, east, north];
}

/** The footprint with every part inside ±180 (cut at the antimeridian where needed) and its bbox. */
export function repairFootprint(geometry: Geometry): { geometry: Geometry; bbox: Bbox } {
  let repaired: Geometry;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const parts = polygons.flatMap(splitPolygon);
    repaired = parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
  } else {
    const wrap = (positions: Position[]): Position[] => positions.map(([lon, lat]) => [wrapLongitude(lon), lat]);
    switch (geometry.type) {
      case 'Point': repaired = { type: 'Point', coordinates: wrap([geometry.coordinates])[0] }; break;
      case 'MultiPoint': repaired = { type: 'MultiPoint', coordinates: wrap(geometry.coordinates) }; break;
      case 'LineString': repaired = { type: 'LineString', coordinates: wrap(geometry.coordinates) }; break;
      case 'MultiLineString': repaired = { type: 'MultiLineString', coordinates: geometry.coordinates.map(wrap) }; break;
    }
  }
  return { geometry: repaired, bbox: geometryBbox(repaired) };
}
