/**
 * Binds expression identifiers to bands of a scene: an asset key (`B04`, `SR_B5`) or an
 * `eo:bands[].common_name` (`red`, `nir`), with the index module's fallbacks (`nir` → `nir08` on
 * Landsat). A band may be one of several in a multi-band asset; its radiometry comes from that
 * asset's `raster:bands` entry (scale/offset/nodata as the catalog adapters normalised them).
 * A name the scene lacks is a 422 naming it. Pure.
 */
import { isAppError, unprocessable } from '../../api/errors';
import { isCogAsset, selectAssetKey, validBandNames } from '../../assets/select-asset';
import type { StacAsset, StacItem } from '../../stac/types';
import { COMMON_NAME_FALLBACKS } from '../../../../workers/lib/indices';

export interface BoundBand {
  /** The expression identifier. */
  name: string;
  asset: string;
  /** 0-based band within the asset's file. */
  sample: number;
  common_name: string | null;
  /** From `raster:bands` (1 and 0 when absent). */
  scale: number;
  offset: number;
  /** From `raster:bands`; 'nan' for NaN (JSON has none); null when the item does not say (the file's nodata tag is used then). */
  nodata: number | 'nan' | null;
}

function bandsOf(asset: StacAsset): Array<{ name?: string; common_name?: string }> {
  return Array.isArray(asset['eo:bands']) ? asset['eo:bands'] : [];
}

function tryAsset(item: StacItem, name: string): string | null {
  try {
    return selectAssetKey(item, name, 'cog');
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

function nodataOf(value: unknown): number | 'nan' | null {
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : value;
  return value === 'nan' ? 'nan' : null;
}

function bindOne(item: StacItem, name: string, parameter: string): BoundBand | null {
  const candidates = [name, ...(Object.hasOwn(COMMON_NAME_FALLBACKS, name) ? COMMON_NAME_FALLBACKS[name] : [])];
  for (const candidate of candidates) {
    const key = tryAsset(item, candidate);
    if (!key) continue;
    const asset = item.assets[key];
    const bands = bandsOf(asset);
    let sample = bands.findIndex((band) => band.common_name === candidate || band.name === candidate);
    if (sample < 0) {
      if (bands.length > 1) {
        throw unprocessable(parameter, `asset ${key} of ${item.id} holds ${bands.length} bands; name one by its common name (${bands.map((b) => b.common_name ?? b.name).join(', ')})`);
      }
      sample = 0;
    }
    const raster = asset['raster:bands']?.[sample] ?? asset['raster:bands']?.[0];
    const scale = typeof raster?.scale === 'number' ? raster.scale : 1;
    const offset = typeof raster?.offset === 'number' ? raster.offset : 0;
    return { name, asset: key, sample, common_name: bands[sample]?.common_name ?? null, scale, offset, nodata: nodataOf(raster?.nodata) };
  }
  return null;
}

/** Every identifier bound, or a 422 on `parameter` naming the first band the scene lacks. */
export function bindBands(item: StacItem, names: readonly string[], parameter: string): BoundBand[] {
  return names.map((name) => {
    const bound = bindOne(item, name, parameter);
    if (bound) return bound;
    const cogBands = validBandNames(item).filter((band) => {
      const key = tryAsset(item, band);
      return key !== null && isCogAsset(key, item.assets[key]);
    });
    throw unprocessable(parameter, `scene ${item.id} has no band "${name}"; bands it has: ${cogBands.join(', ')}`);
  });
}
