/**
 * Reads the spatial and temporal arguments of a posted graph: bounding boxes (EPSG:4326 only —
 * ASTRA areas are lon/lat), GeoJSON Polygon/MultiPolygon (bare, as a Feature, or a
 * FeatureCollection of one feature), points for time series, and temporal extents [start, end).
 * Pure.
 */
import type { Bbox } from '../../../jobs/area-job-types';
import { isPlainObject } from '../graph-json';
import { areaGeometry } from '../job-request/job-fields';
import type { AreaGeometry, PointGeometry, SpatialSelection } from '../spatial-extent';
import { instantOf, type TimeRange } from '../temporal-extent';
import type { NodeContext } from './interpret-graph';

/** A bounding box object {west, south, east, north, crs?} in EPSG:4326. */
export function readBoundingBox(ctx: NodeContext, argument: string, value: Record<string, unknown>): Bbox {
  const crs = value.crs;
  if (crs !== undefined && crs !== null && crs !== 4326 && !(typeof crs === 'string' && /^(epsg:)?4326$/i.test(crs.trim()))) {
    throw ctx.unsupported(`'${argument}' is in CRS ${JSON.stringify(crs)}; the local back-end takes areas in EPSG:4326 (lon/lat)`);
  }
  for (const extra of ['base', 'height']) {
    if (value[extra] !== undefined && value[extra] !== null) throw ctx.unsupported(`'${argument}' has a vertical extent ('${extra}')`);
  }
  const [west, south, east, north] = [value.west, value.south, value.east, value.north];
  if (![west, south, east, north].every((n) => typeof n === 'number' && Number.isFinite(n))) throw ctx.invalid(argument, 'west, south, east and north must be numbers');
  const [w, s, e, n] = [west, south, east, north] as number[];
  if (w < -180 || w > 180 || e < -180 || e > 180 || s < -90 || n > 90) throw ctx.invalid(argument, 'is outside -180..180 / -90..90 (EPSG:4326)');
  if (s >= n) throw ctx.invalid(argument, `south ${s} must be less than north ${n}`);
  if (w === e) throw ctx.invalid(argument, `west and east are both ${w}: the box is empty`);
  return [w, s, e, n];
}

/** A GeoJSON geometry, Feature or one-feature FeatureCollection → its geometry object. */
function unwrapGeoJson(ctx: NodeContext, argument: string, value: Record<string, unknown>): unknown {
  if (value.type === 'Feature') return value.geometry;
  if (value.type === 'FeatureCollection') {
    const features = Array.isArray(value.features) ? value.features : [];
    if (features.length !== 1) throw ctx.unsupported(`'${argument}' is a FeatureCollection of ${features.length} features; the local back-end takes one area per job`);
    return isPlainObject(features[0]) ? features[0].geometry : undefined;
  }
  return value;
}

/** load_collection's spatial_extent: null, a bounding box, or a Polygon/MultiPolygon. */
export function readSpatialExtent(ctx: NodeContext, argument: string): SpatialSelection | null {
  const value = ctx.literal(argument);
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) throw ctx.invalid(argument, 'must be a bounding box or GeoJSON');
  if (value.type === undefined) return { kind: 'bbox', bbox: readBoundingBox(ctx, argument, value) };
  const geometry = areaGeometry(unwrapGeoJson(ctx, argument, value));
  if (!geometry) throw ctx.unsupported(`'${argument}' is GeoJSON but not a Polygon or MultiPolygon in lon/lat (closed rings of at least 4 positions)`);
  return { kind: 'geometry', geometry };
}

/** aggregate_spatial's geometries: one Point, Polygon or MultiPolygon. */
export function readAggregationGeometry(ctx: NodeContext, argument: string): AreaGeometry | PointGeometry {
  const value = ctx.literal(argument);
  if (!isPlainObject(value)) throw ctx.unsupported(`'${argument}' must be GeoJSON (vector data cubes are not supported locally)`);
  const geometry = unwrapGeoJson(ctx, argument, value);
  if (isPlainObject(geometry) && geometry.type === 'Point') {
    const c = geometry.coordinates;
    if (Array.isArray(c) && c.length >= 2 && c.length <= 3 && c.every((n) => typeof n === 'number' && Number.isFinite(n))
      && (c[0] as number) >= -180 && (c[0] as number) <= 180 && (c[1] as number) >= -90 && (c[1] as number) <= 90) {
      return { type: 'Point', coordinates: [c[0] as number, c[1] as number] };
    }
    throw ctx.invalid(argument, 'a Point needs [lon, lat] in WGS84 degrees');
  }
  const area = areaGeometry(geometry);
  if (!area) throw ctx.unsupported(`'${argument}' must be one Point, Polygon or MultiPolygon in lon/lat`);
  return area;
}

/** A temporal extent [start, end) (both ends required) as an inclusive range; null when absent. */
export function readTemporalExtent(ctx: NodeContext, argument: string): TimeRange | null {
  const value = ctx.literal(argument);
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length !== 2) throw ctx.invalid(argument, 'must be [start, end]');
  if (value.some((end) => end === null)) throw ctx.unsupported(`'${argument}' is open-ended; the local back-end needs both its start and its end`);
  const [start, end] = value.map((end) => (typeof end === 'string' ? instantOf(end) : undefined));
  if (start === undefined || end === undefined) throw ctx.invalid(argument, 'ends must be RFC 3339 dates or date-times');
  if (end <= start) throw ctx.invalid(argument, 'the end must be after the start (the end is excluded)');
  return { start, end: end - 1 };
}
