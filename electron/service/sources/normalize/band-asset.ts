/** Builds normalized assets: one naming, unsigned upstream href, eo/raster metadata ASTRA vouches for. */
import type { EoBand, RasterBand, StacAsset } from '../../stac/types';
import type { BandKind, BandSpec } from './band-spec';
import { addProjectionFields, mediaType, type UpstreamAsset } from './asset-picking';

const ROLES: Record<BandKind, string[]> = {
  reflectance: ['data', 'reflectance'],
  temperature: ['data', 'temperature'],
  classification: ['data'],
  bitmask: ['data', 'cloud', 'cloud-shadow', 'snow-ice', 'water-mask'],
};

export function eoBand(spec: BandSpec): EoBand {
  const band: EoBand = { name: spec.asset };
  if (spec.commonName) band.common_name = spec.commonName;
  if (spec.centerWavelength !== undefined) band.center_wavelength = spec.centerWavelength;
  if (spec.fullWidthHalfMax !== undefined) band.full_width_half_max = spec.fullWidthHalfMax;
  return band;
}

// Fields are added in one fixed order (href, title, roles, type, gsd, eo, raster, proj): the JSON
// written to the cache and the API depends on it.
function baseAsset(chosen: UpstreamAsset, title: string, roles: string[]): StacAsset {
  const asset: StacAsset = { href: chosen.href, title, roles };
  const type = mediaType(chosen);
  if (type) asset.type = type;
  return asset;
}

export function bandAsset(spec: BandSpec, chosen: UpstreamAsset, rasterBand: RasterBand): StacAsset {
  const asset = baseAsset(chosen, spec.title, ROLES[spec.kind]);
  asset.gsd = spec.gsd;
  if (spec.commonName) asset['eo:bands'] = [eoBand(spec)];
  asset['raster:bands'] = [rasterBand];
  return addProjectionFields(asset, chosen.asset);
}

/** An 8-bit RGB composite (Sentinel-2 TCI). */
export function visualAsset(chosen: UpstreamAsset, rgb: readonly BandSpec[], gsd: number): StacAsset {
  const asset = baseAsset(chosen, 'True colour (TCI)', ['visual']);
  asset.gsd = gsd;
  asset['eo:bands'] = rgb.map(eoBand);
  asset['raster:bands'] = rgb.map(() => ({ nodata: 0, data_type: 'uint8', spatial_resolution: gsd }));
  return addProjectionFields(asset, chosen.asset);
}

export function thumbnailAsset(chosen: UpstreamAsset): StacAsset {
  return baseAsset(chosen, 'Thumbnail', ['thumbnail']);
}
