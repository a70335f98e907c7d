/**
 * Items of other collections (Planetary Computer serves "any collection by name", e.g. naip):
 * upstream asset keys are kept, only data/visual/preview assets, and only fields ASTRA can vouch
 * for (eo common names the extension allows, well-typed raster fields).
 */
import type { EoBand, RasterBand, StacAsset, StacItem } from '../../stac/types';
import { assembleItem } from './assemble-item';
import { addProjectionFields, mediaType, type UpstreamAsset } from './asset-picking';
import { isEoCommonName } from './band-spec';
import type { ItemOrigin } from './item-origin';
import { asArray, asFiniteNumber, asString, asStringArray, isRecord } from './json-guards';
import type { UpstreamCore } from './upstream-core';

const KEPT_ROLES = ['data', 'visual', 'thumbnail', 'overview'];
const RASTER_DATA_TYPES = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'other'];

function eoBands(value: unknown): EoBand[] | undefined {
  const bands = asArray(value)?.filter(isRecord).map((band) => {
    const out: EoBand = {};
    const name = asString(band.name);
    if (name) out.name = name;
    if (isEoCommonName(band.common_name)) out.common_name = band.common_name;
    const center = asFiniteNumber(band.center_wavelength);
    if (center !== undefined && center > 0) out.center_wavelength = center;
    return out;
  }).filter((band) => Object.keys(band).length > 0);
  return bands && bands.length > 0 ? bands : undefined;
}

function rasterBands(value: unknown): RasterBand[] | undefined {
  const bands = asArray(value)?.filter(isRecord).map((band) => {
    const out: RasterBand = {};
    for (const field of ['nodata', 'scale', 'offset', 'spatial_resolution'] as const) {
      const number = asFiniteNumber(band[field]);
      if (number !== undefined) out[field] = number;
    }
    const dataType = asString(band.data_type);
    if (dataType && RASTER_DATA_TYPES.includes(dataType)) out.data_type = dataType;
    return out;
  }).filter((band) => Object.keys(band).length > 0);
  return bands && bands.length > 0 ? bands : undefined;
}

function genericAsset(candidate: UpstreamAsset): StacAsset | undefined {
  const roles = asStringArray(candidate.asset.roles) ?? [];
  if (!roles.some((role) => KEPT_ROLES.includes(role))) return undefined;
  const asset: StacAsset = { href: candidate.href, roles };
  const type = mediaType(candidate);
  if (type) asset.type = type;
  const title = asString(candidate.asset.title);
  if (title) asset.title = title;
  const gsd = asFiniteNumber(candidate.asset.gsd);
  if (gsd !== undefined && gsd > 0) asset.gsd = gsd;
  const eo = eoBands(candidate.asset['eo:bands']);
  if (eo) asset['eo:bands'] = eo;
  const raster = rasterBands(candidate.asset['raster:bands']);
  if (raster) asset['raster:bands'] = raster;
  return addProjectionFields(asset, candidate.asset);
}

export function normalizeGeneric(core: UpstreamCore, origin: ItemOrigin): StacItem {
  const assets: Record<string, StacAsset> = {};
  for (const candidate of core.assets) {
    const asset = genericAsset(candidate);
    if (asset) assets[candidate.key] = asset;
  }
  const gsds = Object.values(assets).map((asset) => asset.gsd).filter((gsd): gsd is number => gsd !== undefined);
  const propGsd = asFiniteNumber(core.props.gsd);
  const platform = core.platform ?? core.collection;
  const constellation = asString(core.props.constellation)?.toLowerCase().replace(/[\s_]+/g, '-') ?? platform;
  return assembleItem(origin, core, {
    platform,
    constellation,
    gsd: propGsd !== undefined && propGsd > 0 ? propGsd : gsds.length > 0 ? Math.min(...gsds) : undefined,
  }, assets);
}
