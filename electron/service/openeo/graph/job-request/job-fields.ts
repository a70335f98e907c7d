/**
 * The job body fields a process graph carries, checked and put in canonical form: areas, scene
 * ids, cloud cover, masking, CRS, resolution, threshold. Every failure is a 400 naming the
 * parameter. Pure.
 */
import { invalidParameter, isAppError } from '../../../api/errors';
import { bboxField, maskCloudsField, resolutionField, sceneIdField, thresholdField } from '../../../processing/params/body-fields';
import type { AreaOfInterest } from '../../../jobs/area-job-types';
import { isPlainObject } from '../graph-json';
import type { AreaGeometry } from '../spatial-extent';

/** `bbox` of a scene job (null when absent). */
export { bboxField as sceneBboxField, maskCloudsField, resolutionField, sceneIdField, thresholdField };

function positionOk(p: unknown): boolean {
  return Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((n) => typeof n === 'number' && Number.isFinite(n))
    && (p[0] as number) >= -180 && (p[0] as number) <= 180 && (p[1] as number) >= -90 && (p[1] as number) <= 90;
}

function ringsOk(rings: unknown): boolean {
  return Array.isArray(rings) && rings.length > 0
    && rings.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(positionOk)
      && JSON.stringify(ring[0]) === JSON.stringify(ring[ring.length - 1]));
}

/** A GeoJSON Polygon or MultiPolygon in lon/lat, or undefined when `value` is not one. */
export function areaGeometry(value: unknown): AreaGeometry | undefined {
  if (!isPlainObject(value)) return undefined;
  if (value.type === 'Polygon' && ringsOk(value.coordinates)) return { type: 'Polygon', coordinates: value.coordinates as number[][][] };
  if (value.type === 'MultiPolygon' && Array.isArray(value.coordinates) && value.coordinates.length > 0 && value.coordinates.every(ringsOk)) {
    return { type: 'MultiPolygon', coordinates: value.coordinates as number[][][][] };
  }
  return undefined;
}

/** `aoi`: a bbox or a GeoJSON Polygon/MultiPolygon; with `allowPoint`, also [lon, lat]. */
export function aoiField(body: Record<string, unknown>, allowPoint = false): AreaOfInterest | [number, number] {
  const value = body.aoi;
  if (allowPoint && Array.isArray(value) && value.length === 2) {
    if (!positionOk(value)) throw invalidParameter('aoi', 'a point must be [lon, lat] in WGS84 degrees');
    return [value[0], value[1]];
  }
  if (Array.isArray(value)) {
    try {
      return bboxField({ bbox: value }) as [number, number, number, number];
    } catch (error) {
      if (isAppError(error)) throw invalidParameter('aoi', error.message.replace(/^bbox: /, ''));
      throw error;
    }
  }
  const geometry = areaGeometry(value);
  if (!geometry) {
    const point = allowPoint ? '[lon, lat], ' : '';
    throw invalidParameter('aoi', `must be ${point}[minLon, minLat, maxLon, maxLat] or a GeoJSON Polygon/MultiPolygon in WGS84 (closed rings of at least 4 positions)`);
  }
  return geometry;
}

export function cloudCoverField(body: Record<string, unknown>): number | undefined {
  const value = body.cloud_cover_lt;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) throw invalidParameter('cloud_cover_lt', 'must be a number from 0 to 100');
  return value;
}

/** `crs` as "EPSG:<code>". */
export function crsField(body: Record<string, unknown>): string | undefined {
  const value = body.crs;
  if (value === undefined || value === null) return undefined;
  const match = typeof value === 'string' ? /^epsg:(\d{4,6})$/i.exec(value.trim()) : null;
  if (!match) throw invalidParameter('crs', 'must be an EPSG code such as "EPSG:32633"');
  return `EPSG:${Number(match[1])}`;
}

export function harmonizeField(body: Record<string, unknown>): 'hls' | undefined {
  const value = body.harmonize;
  if (value === undefined || value === null) return undefined;
  if (value !== 'hls') throw invalidParameter('harmonize', 'the only harmonization is "hls"');
  return 'hls';
}

export function enumField<T extends string>(body: Record<string, unknown>, name: string, allowed: readonly T[], fallback?: T): T {
  const value = body[name];
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw invalidParameter(name, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Rejects keys the job kind does not know (`on` is known to every kind). */
export function rejectUnknown(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (key !== 'on' && !known.includes(key)) throw invalidParameter(key, `is not a parameter of this job type; known: ${known.join(', ')}`);
  }
}
