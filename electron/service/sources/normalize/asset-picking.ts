/**
 * Choosing among upstream assets: one upstream asset per normalized band (COG before GeoTIFF
 * before JP2, native resolution before resampled copies), a browser-displayable thumbnail, and
 * the media type spelled one way.
 */
import type { StacAsset } from '../../stac/types';
import { asArray, asFiniteNumber, asInteger, asNumberTuple, asString, asStringArray, isRecord, type JsonRecord } from './json-guards';
import { memoizeString } from './string-memo';

export const COG_MEDIA_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';

export interface UpstreamAsset {
  key: string;
  asset: JsonRecord;
  href: string;
}

export function upstreamAssets(raw: unknown): UpstreamAsset[] {
  if (!isRecord(raw)) return [];
  const out: UpstreamAsset[] = [];
  for (const key of Object.keys(raw)) {
    const asset = raw[key];
    if (!isRecord(asset)) continue;
    const href = asString(asset.href);
    if (href) out.push({ key, asset, href });
  }
  return out;
}

function typeFromHref(href: string): string | undefined {
  const path = href.split(/[?#]/)[0].toLowerCase();
  if (path.endsWith('.tif') || path.endsWith('.tiff')) return 'image/tiff; application=geotiff';
  if (path.endsWith('.jp2')) return 'image/jp2';
  if (path.endsWith('.jpg') || path.endsWith('.jpeg')) return 'image/jpeg';
  if (path.endsWith('.png')) return 'image/png';
  return undefined;
}

const spelledType = memoizeString((type: string): string => {
  const lower = type.toLowerCase();
  if (lower.includes('cloud-optimized')) return COG_MEDIA_TYPE;
  if (lower.startsWith('image/vnd.stac.geotiff')) return 'image/tiff; application=geotiff';
  return type;
});

/** One spelling per media type; LandsatLook's `image/vnd.stac.geotiff; cloud-optimized=true` is a COG. */
export function mediaType(candidate: UpstreamAsset): string | undefined {
  const type = asString(candidate.asset.type);
  return type ? spelledType(type) : typeFromHref(candidate.href);
}

function formatRank(candidate: UpstreamAsset): number {
  const type = mediaType(candidate) ?? '';
  if (type === COG_MEDIA_TYPE) return 3;
  if (type.startsWith('image/tiff')) return 2;
  if (type.startsWith('image/jp2')) return 1;
  return 0;
}

const isResampledKey = memoizeString((key: string): boolean => /_\d+m$/i.test(key));

function resolutionOf(asset: JsonRecord): number | undefined {
  const bands = asArray(asset['raster:bands']);
  const first = bands && isRecord(bands[0]) ? asFiniteNumber(bands[0].spatial_resolution) : undefined;
  return first ?? asFiniteNumber(asset.gsd);
}

function nativeRank(candidate: UpstreamAsset, nativeGsd: number): number {
  const resolution = resolutionOf(candidate.asset);
  const decorated = isResampledKey(candidate.key);
  return (resolution === undefined || resolution === nativeGsd ? 2 : 0) + (decorated ? 0 : 1);
}

/** The best upstream copy of a band: format first, then native resolution; stable otherwise. */
export function bestCandidate(candidates: readonly UpstreamAsset[] | undefined, nativeGsd: number): UpstreamAsset | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  let best: UpstreamAsset | undefined;
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = formatRank(candidate) * 10 + nativeRank(candidate, nativeGsd);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

const DISPLAYABLE = /^image\/(jpeg|png|webp|gif)/;

const isDisplayable = memoizeString((type: string): boolean => DISPLAYABLE.test(type));

function hasRole(candidate: UpstreamAsset, role: string): boolean {
  return asStringArray(candidate.asset.roles)?.includes(role) ?? false;
}

/** A thumbnail a browser can show: role `thumbnail` first, then an `overview` (e.g. PC rendered_preview). */
export function pickThumbnail(assets: readonly UpstreamAsset[]): UpstreamAsset | undefined {
  let overview: UpstreamAsset | undefined;
  for (const candidate of assets) {
    if (!isDisplayable(mediaType(candidate) ?? '')) continue;
    if (candidate.key === 'thumbnail' || hasRole(candidate, 'thumbnail')) return candidate;
    if (!overview && hasRole(candidate, 'overview')) overview = candidate;
  }
  return overview;
}

/** Adds proj:shape / proj:transform of an upstream asset, when they are well-formed, to `asset`. */
export function addProjectionFields(asset: StacAsset, upstream: JsonRecord): StacAsset {
  const shape = asNumberTuple(upstream['proj:shape'], 2);
  if (shape && shape.every((value) => asInteger(value) !== undefined && value > 0)) asset['proj:shape'] = shape;
  const transform = asNumberTuple(upstream['proj:transform'], 6, 9);
  if (transform) asset['proj:transform'] = transform;
  return asset;
}
