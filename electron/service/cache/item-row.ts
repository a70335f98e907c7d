/**
 * How one normalized STAC item is stored in the items cache: its indexed columns and the R*Tree
 * boxes of its footprint (two boxes when its bbox crosses the antimeridian). Pure.
 */
import { itemJson } from '../stac/item-json';
import type { Geometry, Position, StacItem } from '../stac/types';

export interface ItemRow {
  id: string;
  source: string;
  collection: string;
  datetimeMs: number | null;
  cloudCover: number | null;
  sceneKey: string | null;
  json: string;
}

/** One R*Tree entry: lon/lat box plus the sensing time span in days since 1970. */
export interface FootprintBox {
  part: 0 | 1;
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
  minDay: number;
  maxDay: number;
  /** Cloud cover as a degenerate range; UNKNOWN_CLOUD when the item states none. */
  minCloud: number;
  maxCloud: number;
}

const MS_PER_DAY = 86_400_000;
/** Time span given to items without a usable time, so only spatial filters select them. */
const ANY_DAY = 1e7;
/** Stored for items without cloud cover: above any `cloud_cover_lt` (0–100), as SQL's NULL would be. */
export const UNKNOWN_CLOUD = 1000;

export function msToDay(ms: number): number {
  return ms / MS_PER_DAY;
}

function instant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function sourceOf(item: StacItem): string {
  const declared = item.properties['astra:source'];
  if (typeof declared === 'string' && declared) return declared;
  const colon = item.id.indexOf(':');
  return colon > 0 ? item.id.slice(0, colon) : '';
}

export function itemRow(item: StacItem): ItemRow {
  const cloud = item.properties['eo:cloud_cover'];
  const sceneKey = item.properties['astra:scene_key'];
  const collection = item.properties['astra:collection'] ?? item.collection ?? '';
  return {
    id: item.id,
    source: sourceOf(item),
    collection: typeof collection === 'string' ? collection : '',
    datetimeMs: instant(item.properties.datetime) ?? instant(item.properties['start_datetime']),
    cloudCover: typeof cloud === 'number' && Number.isFinite(cloud) ? cloud : null,
    sceneKey: typeof sceneKey === 'string' && sceneKey ? sceneKey : null,
    json: itemJson(item),
  };
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString': return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    default: return [];
  }
}

/** `[west, south, east, north]` of the item: its bbox (2-D or 3-D), else its geometry's extent. */
export function itemBbox(item: StacItem): [number, number, number, number] | null {
  const b = item.bbox;
  if (Array.isArray(b) && (b.length === 4 || b.length === 6) && b.every(Number.isFinite)) {
    return b.length === 4 ? [b[0], b[1], b[2], b[3]] : [b[0], b[1], b[3], b[4]];
  }
  const positions = item.geometry ? positionsOf(item.geometry) : [];
  if (positions.length === 0) return null;
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** West > east means the box crosses the antimeridian: stored as [west, 180] and [-180, east]. */
export function footprintBoxes(item: StacItem): FootprintBox[] {
  const bbox = itemBbox(item);
  if (!bbox) return [];
  const [west, south, east, north] = bbox;
  const start = instant(item.properties['start_datetime']) ?? instant(item.properties.datetime);
  const end = instant(item.properties['end_datetime']) ?? instant(item.properties.datetime);
  const minDay = start === null ? -ANY_DAY : msToDay(start);
  const maxDay = end === null ? ANY_DAY : msToDay(end);
  const cloud = item.properties['eo:cloud_cover'];
  const cloudValue = typeof cloud === 'number' && Number.isFinite(cloud) ? cloud : UNKNOWN_CLOUD;
  const lat = { minLat: Math.min(south, north), maxLat: Math.max(south, north), minDay, maxDay, minCloud: cloudValue, maxCloud: cloudValue };
  if (west <= east) return [{ part: 0, minLon: west, maxLon: east, ...lat }];
  return [
    { part: 0, minLon: west, maxLon: 180, ...lat },
    { part: 1, minLon: -180, maxLon: east, ...lat },
  ];
}

/** R*Tree key of an item's box: two slots per item row. */
export function boxId(itemNo: number, part: 0 | 1): number {
  return itemNo * 2 + part;
}
