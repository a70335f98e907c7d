/**
 * The POST /api/v1/jobs body fields the processing kinds share (api.md "Processing jobs"):
 * unknown keys, scene ids, `bbox`, `mask_clouds`, `resolution`, `threshold`. Every failure is a
 * 400 naming its parameter. Pure.
 */
import { invalidParameter } from '../../api/errors';
import { parseScopedId } from '../../search/scoped-id';
import type { Bbox } from '../../stac/types';

/** Rejects keys the kind does not know, so a typo ("treshold") is never silently ignored. */
export function rejectUnknownKeys(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) throw invalidParameter(key, `is not a parameter of this job type; known: ${known.join(', ')}`);
  }
}

/** A required `<source>:<upstream id>` scene id. */
export function sceneIdField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw invalidParameter(name, 'is required: a scene id such as sentinel-2:S2A_29RKH_20200219_0_L2A');
  parseScopedId(value, name);
  return value;
}

/** Optional [minLon, minLat, maxLon, maxLat] in WGS84; minLon > maxLon crosses the antimeridian. */
export function bboxField(body: Record<string, unknown>): Bbox | null {
  const value = body.bbox;
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw invalidParameter('bbox', 'must be [minLon, minLat, maxLon, maxLat]: four numbers in WGS84 degrees');
  }
  const [w, s, e, n] = value as number[];
  for (const lon of [w, e]) if (lon < -180 || lon > 180) throw invalidParameter('bbox', `longitude ${lon} is outside -180..180`);
  for (const lat of [s, n]) if (lat < -90 || lat > 90) throw invalidParameter('bbox', `latitude ${lat} is outside -90..90`);
  if (s >= n) throw invalidParameter('bbox', `minLat ${s} must be less than maxLat ${n}`);
  if (w === e) throw invalidParameter('bbox', `minLon and maxLon are both ${w}: the box is empty`);
  return [w, s, e, n];
}

/** `mask_clouds`: true (the default) masks clouds with the scene's SCL / QA_PIXEL band. */
export function maskCloudsField(body: Record<string, unknown>): { maskClouds: boolean; explicit: boolean } {
  const value = body.mask_clouds;
  if (value === undefined || value === null) return { maskClouds: true, explicit: false };
  if (typeof value !== 'boolean') throw invalidParameter('mask_clouds', 'must be true or false');
  return { maskClouds: value, explicit: true };
}

/** Optional output pixel size in the units of the output CRS (metres for UTM). */
export function resolutionField(body: Record<string, unknown>): number | null {
  const value = body.resolution;
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalidParameter('resolution', 'must be a positive number: the output pixel size in the units of the scene CRS (metres for UTM)');
  }
  return value;
}

/** `threshold` of a change job: |difference| above it is gain/loss. Default 0.2. */
export function thresholdField(body: Record<string, unknown>): number {
  const value = body.threshold;
  if (value === undefined || value === null) return 0.2;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidParameter('threshold', 'must be a number ≥ 0 (the index difference counted as change)');
  }
  return value;
}
