/** Landsat Collection 2 Level-2 items from LandsatLook, Planetary Computer or Earth Search → one ASTRA shape. */
import type { RasterBand, StacAsset, StacItem } from '../../stac/types';
import { assembleItem } from './assemble-item';
import { bestCandidate, pickThumbnail, type UpstreamAsset } from './asset-picking';
import { bandAsset, thumbnailAsset } from './band-asset';
import type { BandSpec } from './band-spec';
import type { ItemOrigin } from './item-origin';
import { landsatBandsFor, resolveLandsatBand } from './landsat-bands';
import { LANDSAT_C2_RADIOMETRY, LANDSAT_C2_SURFACE_REFLECTANCE, LANDSAT_C2_SURFACE_TEMPERATURE } from './radiometry';
import { landsatPathRow } from './scene-key';
import { landsatPlatform, landsatSceneKey } from './scene-identity';
import type { UpstreamCore } from './upstream-core';

/** Pixel semantics per band kind; USGS's published factors, whatever the catalog declares (LandsatLook declares none). */
function rasterBandFor(spec: BandSpec): RasterBand {
  switch (spec.kind) {
    case 'reflectance':
      return { nodata: LANDSAT_C2_SURFACE_REFLECTANCE.nodata, data_type: 'uint16', spatial_resolution: 30, scale: LANDSAT_C2_SURFACE_REFLECTANCE.scale, offset: LANDSAT_C2_SURFACE_REFLECTANCE.offset };
    case 'temperature':
      return {
        nodata: LANDSAT_C2_SURFACE_TEMPERATURE.nodata, data_type: 'uint16', spatial_resolution: 30,
        scale: LANDSAT_C2_SURFACE_TEMPERATURE.scale, offset: LANDSAT_C2_SURFACE_TEMPERATURE.offset, unit: LANDSAT_C2_SURFACE_TEMPERATURE.unit,
      };
    default:
      // QA_PIXEL bit 0 is "fill": a pixel value of 1 means no data (providers.md §5.4).
      return { nodata: 1, data_type: 'uint16', spatial_resolution: 30, unit: 'bit index' };
  }
}

export function normalizeLandsat(core: UpstreamCore, origin: ItemOrigin): StacItem {
  const platform = landsatPlatform(core) ?? 'landsat';
  const bands = landsatBandsFor(platform);
  const byBand = new Map<BandSpec, UpstreamAsset[]>();
  for (const candidate of core.assets) {
    const band = resolveLandsatBand(bands, candidate.key, candidate.asset);
    if (!band) continue;
    const list = byBand.get(band);
    if (list) list.push(candidate);
    else byBand.set(band, [candidate]);
  }
  const assets: Record<string, StacAsset> = {};
  for (const spec of bands) {
    // Thermal products are sampled on the 30 m grid although the sensor resolves ~100 m.
    const chosen = bestCandidate(byBand.get(spec), 30);
    if (chosen) assets[spec.asset] = bandAsset(spec, chosen, rasterBandFor(spec));
  }
  const thumbnail = pickThumbnail(core.assets);
  if (thumbnail) assets.thumbnail = thumbnailAsset(thumbnail);

  const pathRow = landsatPathRow(core.upstreamId, core.props);
  return assembleItem(origin, core, {
    platform,
    constellation: 'landsat',
    gsd: 30,
    sceneKey: landsatSceneKey(core, platform),
    gridCode: pathRow ? `WRS2-${pathRow}` : undefined,
    radiometry: LANDSAT_C2_RADIOMETRY,
  }, assets);
}
