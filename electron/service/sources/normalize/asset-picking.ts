/**
 * Choosing among upstream assets: one upstream asset per normalized band (COG before GeoTIFF
 * before JP2, native resolution before resampled copies), a browser-displayable thumbnail, and
 * the media type spelled one way.
 */
import { asArray, asFiniteNumber, asInteger, asNumberTuple, asString, asStringArray, isRecord, type JsonRecord } from './json-guards';

export const COG_MEDIA_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';

export interface UpstreamAsset {
  key: string;
  asset: JsonRecord;
  href: string;
}

export function upstreamAssets(raw: unknown): UpstreamAsset[] {
  if (!isRecord(raw)) return [];
  const out: UpstreamAsset[] = [];
  for (const [key, asset] of Object.entries(raw)) {
    const href = isRecord(asset) ? asString(asset.href) : undefined;
    if (isRecord(asset) && href) out.push({ key, asset, href });
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

/** One spelling per media type; LandsatLook's `image/vnd.stac.geotiff; cloud-optimized=true` is a COG. */
export function mediaType(candidate: UpstreamAsset): string | undefined {
  const type = asString(candidate.asset.type);
  if (!type) return typeFromHref(candidate.href);
  const lower = type.toLowerCase();
  if (lower.includes('cloud-optimized')) return COG_MEDIA_TYPE;
  if (lower.startsWith('image/vnd.stac.geotiff')) return 'image/tiff; application=geotiff';
  return type;
}

function formatRank(candidate: UpstreamAsset): number {
  const type = mediaType(candidate) ?? '';
  if (type === COG_MEDIA_TYPE) return 3;
  if (type.startsWith('image/tiff')) return 2;
  if (type.startsWith('image/jp2')) return 1;
  return 0;
}

function resolutionOf(asset: JsonRecord): number | undefined {
  const bands = asArray(asset['raster:bands']);
  const first = bands && isRecord(bands[0]) ? asFiniteNumber(bands[0].spatial_resolution) : undefined;
  return first ?? asFiniteNumber(asset.gsd);
}

function nativeRank(candidate: UpstreamAsset, nativeGsd: number): number {
  const resolution = resolutionOf(candidate.asset);
  const decorated = /_\d+m$/i.test(candidate.key);
  return (resolution === undefined || resolution === nativeGsd ? 2 : 0) + (decorated ? 0 : 1);
}

/** The best upstream copy of a band: format first, then native resolution; stable otherwise. */
export function bestCandidate(candidates: UpstreamAsset[], nativeGsd: number): UpstreamAsset | undefined {
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

/** A thumbnail a browser can show: role `thumbnail` first, then an `overview` (e.g. PC rendered_preview). */
export function pickThumbnail(assets: UpstreamAsset[]): UpstreamAsset | undefined {
  const displayable = assets.filter((candidate) => DISPLAYABLE.test(mediaType(candidate) ?? ''));
  const hasRole = (candidate: UpstreamAsset, role: string): boolean => asStringArray(candidate.asset.roles)?.includes(role) ?? false;
  return displayable.find((candidate) => hasRole(candidate, 'thumbnail') || candidate.key === 'thumbnail')
    ?? displayable.find((candidate) => hasRole(candidate, 'overview'));
}

/** proj:shape / proj:transform of an upstream asset when they are well-formed. */
export function projectionFields(asset: JsonRecord): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const shape = asNumberTuple(asset['proj:shape'], 2);
  if (shape && shape.every((value) => asInteger(value) !== undefined && value > 0)) out['proj:shape'] = shape;
  const transform = asNumberTuple(asset['proj:transform'], 6, 9);
  if (transform) out['proj:transform'] = transform;
  return out;
}
