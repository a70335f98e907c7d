/**
 * Reads an upstream GeoJSON geometry into a clean 2-D `Geometry`, or null when it is unusable
 * (wrong types, non-finite numbers, latitudes outside ±90, rings with fewer than 4 positions).
 * Longitudes are kept as given: catalogs that "normalize" footprints near the antimeridian send
 * values beyond ±180, which ./antimeridian.ts repairs.
 */
import type { Geometry, Position } from '../../stac/types';
import { asArray, asFiniteNumber, isRecord } from './json-guards';

const MAX_ABS_LONGITUDE = 540;

function readPosition(value: unknown): Position | null {
  const array = asArray(value);
  if (!array || array.length < 2) return null;
  const lon = asFiniteNumber(array[0]);
  const lat = asFiniteNumber(array[1]);
  if (lon === undefined || lat === undefined) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > MAX_ABS_LONGITUDE) return null;
  return [lon, lat];
}

function readPositions(value: unknown, minLength: number): Position[] | null {
  const array = asArray(value);
  if (!array || array.length < minLength) return null;
  const positions: Position[] = [];
  for (const entry of array) {
    const position = readPosition(entry);
    if (!position) return null;
    positions.push(position);
  }
  return positions;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A closed linear ring without consecutive duplicates, or null when fewer than 3 distinct corners remain. */
export function cleanRing(positions: Position[]): Position[] | null {
  const ring: Position[] = [];
  for (const position of positions) {
    if (ring.length === 0 || !samePosition(ring[ring.length - 1], position)) ring.push(position);
  }
  if (ring.length > 1 && samePosition(ring[0], ring[ring.length - 1])) ring.pop();
  if (ring.length < 3) return null;
  return [...ring, ring[0]];
}

function readRing(value: unknown): Position[] | null {
  const positions = readPositions(value, 3);
  return positions ? cleanRing(positions) : null;
}

function readPolygon(value: unknown): Position[][] | null {
  const array = asArray(value);
  if (!array || array.length === 0) return null;
  const exterior = readRing(array[0]);
  if (!exterior) return null;
  const holes = array.slice(1).map(readRing).filter((ring): ring is Position[] => ring !== null);
  return [exterior, ...holes];
}

function readList<T>(value: unknown, read: (entry: unknown) => T | null): T[] | null {
  const array = asArray(value);
  if (!array || array.length === 0) return null;
  const out: T[] = [];
  for (const entry of array) {
    const item = read(entry);
    if (item === null) return null;
    out.push(item);
  }
  return out;
}

export function readGeometry(value: unknown): Geometry | null {
  if (!isRecord(value)) return null;
  const { type, coordinates } = value;
  switch (type) {
    case 'Point': {
      const position = readPosition(coordinates);
      return position ? { type, coordinates: position } : null;
    }
    case 'MultiPoint': {
      const positions = readPositions(coordinates, 1);
      return positions ? { type, coordinates: positions } : null;
    }
    case 'LineString': {
      const positions = readPositions(coordinates, 2);
      return positions ? { type, coordinates: positions } : null;
    }
    case 'MultiLineString': {
      const lines = readList(coordinates, (entry) => readPositions(entry, 2));
      return lines ? { type, coordinates: lines } : null;
    }
    case 'Polygon': {
      const polygon = readPolygon(coordinates);
      return polygon ? { type, coordinates: polygon } : null;
    }
    case 'MultiPolygon': {
      const polygons = readList(coordinates, readPolygon);
      return polygons ? { type, coordinates: polygons } : null;
    }
    default:
      return null;
  }
}
