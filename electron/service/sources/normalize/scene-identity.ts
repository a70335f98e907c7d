/**
 * Which acquisition an upstream item is: its family (Sentinel-2, Landsat, other), its platform and
 * its scene key (scene-key.ts). Normalization and the id listings that count a search
 * (../http/scene-listing.ts) both decide it here, from the few fields in SCENE_IDENTITY_FIELDS,
 * so a listed scene and the item a search page returns for it always get the same key.
 */
import { isRecord, type JsonRecord } from './json-guards';
import { compactSecond, landsatPathRow, sceneKey, sentinel2SensingTime, sentinel2Tile } from './scene-key';
import { normalizePlatform, readDatetime } from './upstream-core';

export type ItemFamily = 'sentinel-2' | 'landsat' | 'other';

/** What identity needs of an upstream item (a subset of UpstreamCore). */
export interface IdentityInput {
  upstreamId: string;
  /** Normalized platform (`sentinel-2a`, `landsat-8`), when the item names one. */
  platform?: string;
  props: JsonRecord;
  datetime: string;
}

/**
 * Item properties identity reads, for the STAC `fields` extension of id listings. Every property
 * read by this module and by scene-key.ts must be listed here (a unit test checks the keys agree).
 */
export const SCENE_IDENTITY_PROPERTIES = [
  'datetime', 'start_datetime', 'platform',
  'grid:code', 's2:mgrs_tile', 'mgrs:utm_zone', 'mgrs:latitude_band', 'mgrs:grid_square',
  's2:product_uri', 's2:datatake_id',
  'landsat:wrs_path', 'landsat:wrs_row',
] as const;

const PLATFORM_BY_LANDSAT_ID: Record<string, string> = { '04': 'landsat-4', '05': 'landsat-5', '07': 'landsat-7', '08': 'landsat-8', '09': 'landsat-9' };

export function sentinel2Platform(input: Pick<IdentityInput, 'upstreamId' | 'platform'>): string | undefined {
  if (input.platform && /^sentinel-2[a-d]$/.test(input.platform)) return input.platform;
  const fromId = /^S2([A-D])_/.exec(input.upstreamId);
  return fromId ? `sentinel-2${fromId[1].toLowerCase()}` : input.platform;
}

export function landsatPlatform(input: Pick<IdentityInput, 'upstreamId' | 'platform'>): string | undefined {
  if (input.platform && /^landsat-\d$/.test(input.platform)) return input.platform;
  const fromId = /^L[COTEM](0\d)_/.exec(input.upstreamId);
  return fromId ? PLATFORM_BY_LANDSAT_ID[fromId[1]] : input.platform;
}

export function itemFamily(input: Pick<IdentityInput, 'upstreamId' | 'platform'>): ItemFamily {
  if (sentinel2Platform(input)?.startsWith('sentinel-2')) return 'sentinel-2';
  if (landsatPlatform(input)?.startsWith('landsat')) return 'landsat';
  return 'other';
}

/** Platform + MGRS tile + datatake sensing start. */
export function sentinel2SceneKey(input: IdentityInput, platform: string): string | undefined {
  const tile = sentinel2Tile(input.upstreamId, input.props);
  return sceneKey(platform, tile, sentinel2SensingTime(input.upstreamId, input.props, input.datetime));
}

/** Platform + WRS-2 path/row + acquisition second. */
export function landsatSceneKey(input: IdentityInput, platform: string): string | undefined {
  return sceneKey(platform, landsatPathRow(input.upstreamId, input.props), compactSecond(input.datetime));
}

/** The item's scene key as normalization assigns it; undefined for items of other families. */
export function sceneKeyOf(input: IdentityInput): string | undefined {
  switch (itemFamily(input)) {
    case 'sentinel-2': return sentinel2SceneKey(input, sentinel2Platform(input) ?? 'sentinel-2');
    case 'landsat': return landsatSceneKey(input, landsatPlatform(input) ?? 'landsat');
    default: return undefined;
  }
}

/**
 * Identity of a raw upstream feature from an id listing (only the fields above), or undefined
 * when normalization would skip the item for want of an id or a datetime.
 */
export function identityOfListed(raw: unknown): IdentityInput | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '' || /\s/.test(raw.id)) return undefined;
  const props = isRecord(raw.properties) ? raw.properties : undefined;
  if (!props) return undefined;
  const datetime = readDatetime(props.datetime) ?? readDatetime(props.start_datetime);
  if (!datetime) return undefined;
  return { upstreamId: raw.id, platform: normalizePlatform(props.platform), props, datetime };
}
