/**
 * Which asset of an item a requested band means: an asset key (`B04`, `SR_B4`, `thumbnail`) or an
 * `eo:bands[].common_name` (`red`, `nir`). Among several candidates: the COG first, single-band
 * over composites, JP2 last. Unknown band → 400 naming the valid ones. Pure.
 */
import { invalidParameter } from '../api/errors';
import type { StacAsset, StacItem } from '../stac/types';

export type AssetFormat = 'cog' | 'any';

export function isCogAsset(key: string, asset: StacAsset): boolean {
  const type = (asset.type ?? '').toLowerCase();
  if (/jp2/i.test(key) || type.includes('jp2')) return false;
  return type.includes('cloud-optimized') || type.startsWith('image/tiff') || type.startsWith('image/vnd.stac.geotiff')
    || (type === '' && /\.tiff?$/i.test(asset.href.split('?')[0]));
}

function formatRank(key: string, asset: StacAsset): number {
  const type = (asset.type ?? '').toLowerCase();
  if (type.includes('cloud-optimized')) return 0;
  if (isCogAsset(key, asset)) return 1;
  return /jp2/i.test(key) || type.includes('jp2') ? 3 : 2;
}

function bandsOf(asset: StacAsset): Array<{ name?: string; common_name?: string }> {
  return Array.isArray(asset['eo:bands']) ? asset['eo:bands'] : [];
}

/** Every name `bands=` accepts for this item: data asset keys and their common names. */
export function validBandNames(item: StacItem): string[] {
  const names = new Set<string>();
  for (const [key, asset] of Object.entries(item.assets ?? {})) {
    const bands = bandsOf(asset);
    const isData = bands.length > 0 || isCogAsset(key, asset) || (asset.roles ?? []).some((r) => r === 'data' || r === 'thumbnail');
    if (!isData) continue;
    names.add(key);
    for (const band of bands) if (band.common_name) names.add(band.common_name);
  }
  return [...names].sort();
}

/** The asset key for `band`; throws a 400 on parameter `bands` when there is none. */
export function selectAssetKey(item: StacItem, band: string, format: AssetFormat): string {
  const assets = Object.entries(item.assets ?? {});
  const exact = assets.filter(([key]) => key === band);
  const folded = exact.length ? exact : assets.filter(([key]) => key.toLowerCase() === band.toLowerCase());
  const byName = folded.length ? folded : assets.filter(([, asset]) => bandsOf(asset).some((b) => b.common_name === band || b.name === band));
  const eligible = format === 'cog' ? byName.filter(([key, asset]) => isCogAsset(key, asset)) : byName;
  if (eligible.length === 0) {
    if (byName.length > 0) {
      throw invalidParameter('bands', `band "${band}" of ${item.id} has no Cloud-Optimized GeoTIFF asset (assets: ${byName.map(([k]) => k).join(', ')})`);
    }
    throw invalidParameter('bands', `unknown band "${band}" for ${item.id}; valid bands: ${validBandNames(item).join(', ')}`);
  }
  const ranked = eligible
    .map(([key, asset]) => ({ key, rank: formatRank(key, asset) * 10 + Math.min(9, Math.max(0, bandsOf(asset).length - 1)) }))
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : 1));
  return ranked[0].key;
}

/** Ground sample distance of an asset, from the most specific place that states it. */
export function assetGsd(item: StacItem, asset: StacAsset): number | null {
  const candidates = [
    asset.gsd,
    (bandsOf(asset)[0] as { gsd?: unknown } | undefined)?.gsd,
    asset['raster:bands']?.[0]?.spatial_resolution,
    item.properties.gsd,
  ];
  const found = candidates.find((value) => typeof value === 'number' && Number.isFinite(value));
  return typeof found === 'number' ? found : null;
}
