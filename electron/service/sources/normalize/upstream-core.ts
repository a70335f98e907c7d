/**
 * The fields every upstream item must have to become an ASTRA item (id, footprint, time), read
 * defensively. Anything missing or of the wrong type makes the item skippable, never a throw.
 */
import type { Bbox, Geometry } from '../../stac/types';
import { repairFootprint } from './antimeridian';
import { upstreamAssets, type UpstreamAsset } from './asset-picking';
import { readGeometry } from './geometry';
import { asFiniteNumber, asInteger, asString, asStringArray, isRecord, type JsonRecord } from './json-guards';

export interface UpstreamCore {
  upstreamId: string;
  /** Upstream collection id; `unknown` when the item names none. */
  collection: string;
  geometry: Geometry;
  bbox: Bbox;
  datetime: string;
  cloudCover?: number;
  /** Lower-case, hyphenated: `LANDSAT_8` → `landsat-8`, `Sentinel-2A` → `sentinel-2a`. */
  platform?: string;
  instruments?: string[];
  epsg?: number;
  props: JsonRecord;
  assets: UpstreamAsset[];
}

export type CoreResult = { ok: true; core: UpstreamCore } | { ok: false; reason: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** The upstream datetime if it is RFC 3339, else its ISO form if it parses at all. */
export function readDatetime(value: unknown): string | undefined {
  const text = asString(value);
  if (!text || Number.isNaN(Date.parse(text))) return undefined;
  return RFC3339.test(text) ? text : new Date(text).toISOString();
}

export function normalizePlatform(value: unknown): string | undefined {
  const text = asString(value);
  return text ? text.trim().toLowerCase().replace(/[\s_]+/g, '-') : undefined;
}

type CloudCover = { ok: true; value?: number } | { ok: false };

/** 0–100 is a cloud cover; absent, null or USGS's -1 mean unknown; any other type is bad data. */
function readCloudCover(value: unknown): CloudCover {
  if (value === undefined || value === null) return { ok: true };
  const number = asFiniteNumber(value);
  if (number === undefined) return { ok: false };
  return { ok: true, value: number >= 0 && number <= 100 ? number : undefined };
}

export function readUpstreamCore(raw: unknown): CoreResult {
  if (!isRecord(raw)) return { ok: false, reason: 'not a JSON object' };
  const upstreamId = asString(raw.id);
  if (!upstreamId || /\s/.test(upstreamId)) return { ok: false, reason: 'missing or invalid id' };
  const props = raw.properties;
  if (!isRecord(props)) return { ok: false, reason: `${upstreamId}: missing properties` };
  const parsed = readGeometry(raw.geometry);
  if (!parsed) return { ok: false, reason: `${upstreamId}: missing or invalid geometry` };
  const datetime = readDatetime(props.datetime) ?? readDatetime(props.start_datetime);
  if (!datetime) return { ok: false, reason: `${upstreamId}: missing or invalid datetime` };
  const cloud = readCloudCover(props['eo:cloud_cover']);
  if (!cloud.ok) return { ok: false, reason: `${upstreamId}: eo:cloud_cover is not a number` };
  if (raw.assets !== undefined && !isRecord(raw.assets)) return { ok: false, reason: `${upstreamId}: assets is not an object` };
  const { geometry, bbox } = repairFootprint(parsed);
  return {
    ok: true,
    core: {
      upstreamId,
      collection: asString(raw.collection) ?? 'unknown',
      geometry,
      bbox,
      datetime,
      cloudCover: cloud.value,
      platform: normalizePlatform(props.platform),
      instruments: asStringArray(props.instruments)?.map((name) => name.toLowerCase()),
      epsg: asInteger(props['proj:epsg']),
      props,
      assets: upstreamAssets(raw.assets),
    },
  };
}
