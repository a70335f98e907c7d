/** Validation of the spatial search parameters `bbox` and `intersects` (WGS84, RFC 7946). */
import { echo, echoValue } from '../api/echo';
import { invalidParameter } from '../api/errors';
import type { Bbox, Geometry, Position } from '../stac/types';

const BBOX_NAMES = ['minLon', 'minLat', 'maxLon', 'maxLat'] as const;

/** Checks four numbers as a WGS84 box; minLon > maxLon is allowed (antimeridian crossing). */
export function validateBbox(values: readonly number[]): Bbox {
  if (values.length !== 4) {
    throw invalidParameter('bbox', `expected 4 numbers minLon,minLat,maxLon,maxLat, got ${values.length}`);
  }
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) throw invalidParameter('bbox', `${BBOX_NAMES[i]} is not a finite number`);
    const limit = i % 2 === 0 ? 180 : 90;
    if (value < -limit || value > limit) {
      throw invalidParameter('bbox', `${BBOX_NAMES[i]} ${value} is outside -${limit}..${limit}`);
    }
  });
  const [, minLat, , maxLat] = values;
  if (minLat > maxLat) throw invalidParameter('bbox', `minLat ${minLat} is greater than maxLat ${maxLat}`);
  return [values[0], values[1], values[2], values[3]];
}

/** Parses the GET form `a,b,c,d`. */
export function parseBboxText(text: string): Bbox {
  const parts = text.split(',');
  const numbers = parts.map((part, i) => {
    const trimmed = part.trim();
    const value = trimmed === '' ? NaN : Number(trimmed);
    if (!Number.isFinite(value)) {
      throw invalidParameter('bbox', `"${echo(part)}" (${BBOX_NAMES[i] ?? `value ${i + 1}`}) is not a number`);
    }
    return value;
  });
  return validateBbox(numbers);
}

/** Parses the POST form, a JSON array of numbers. */
export function parseBboxArray(value: unknown): Bbox {
  if (!Array.isArray(value)) throw invalidParameter('bbox', 'must be an array of 4 numbers [minLon, minLat, maxLon, maxLat]');
  if (!value.every((v) => typeof v === 'number')) throw invalidParameter('bbox', 'every value must be a number');
  return validateBbox(value as number[]);
}

/** Arrays inside `coordinates` of the deepest geometry (MultiPolygon: polygons, rings, positions, numbers). */
const MAX_COORDINATE_DEPTH = 4;

/**
 * True when `value` has arrays or objects nested deeper than `limit` — found without recursion,
 * so hundreds of thousands of brackets are a 400, not a stack overflow.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Checks a GeoJSON geometry object as `intersects` (no GeometryCollection). */
export function parseIntersects(value: unknown): Geometry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter('intersects', 'must be a GeoJSON geometry object');
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (nestedDeeperThan(coordinates, MAX_COORDINATE_DEPTH)) {
    throw invalidParameter('intersects', `coordinates are nested deeper than any GeoJSON geometry (${MAX_COORDINATE_DEPTH} levels of arrays)`);
  }
  switch (type) {
    case 'Point': return { type, coordinates: position(coordinates) };
    case 'MultiPoint': return { type, coordinates: positions(coordinates, 1) };
    case 'LineString': return { type, coordinates: positions(coordinates, 2) };
    case 'MultiLineString': return { type, coordinates: list(coordinates, (c) => positions(c, 2)) };
    case 'Polygon': return { type, coordinates: polygon(coordinates) };
    case 'MultiPolygon': return { type, coordinates: list(coordinates, polygon) };
    default:
      throw invalidParameter('intersects', `type ${echoValue(type)} is not one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon`);
  }
}

function list<T>(value: unknown, each: (item: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidParameter('intersects', 'coordinates must be a non-empty array');
  return value.map(each);
}

function position(value: unknown): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw invalidParameter('intersects', `position ${echoValue(value)} must be [lon, lat] numbers`);
  }
  const [lon, lat] = value as number[];
  if (lon < -180 || lon > 180) throw invalidParameter('intersects', `longitude ${lon} is outside -180..180`);
  if (lat < -90 || lat > 90) throw invalidParameter('intersects', `latitude ${lat} is outside -90..90`);
  return value as number[];
}

function positions(value: unknown, minimum: number): Position[] {
  const result = list(value, position);
  if (result.length < minimum) throw invalidParameter('intersects', `needs at least ${minimum} positions, got ${result.length}`);
  return result;
}

function polygon(value: unknown): Position[][] {
  return list(value, (ring) => {
    const coords = positions(ring, 4);
    const first = coords[0];
    const last = coords[coords.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw invalidParameter('intersects', 'every polygon ring must end at its first position');
    }
    return coords;
  });
}
