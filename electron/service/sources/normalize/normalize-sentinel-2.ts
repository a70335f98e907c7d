/** Sentinel-2 L2A items from Earth Search (l2a, c1) or Planetary Computer → one ASTRA shape. */
import type { StacAsset, StacItem } from '../../stac/types';
import { assembleItem } from './assemble-item';
import { bestCandidate, pickThumbnail, type UpstreamAsset } from './asset-picking';
import { bandAsset, thumbnailAsset, visualAsset } from './band-asset';
import type { BandSpec } from './band-spec';
import type { ItemOrigin } from './item-origin';
import { asArray, asBoolean, asFiniteNumber, asString, isRecord } from './json-guards';
import { decideSentinel2Radiometry, type Radiometry } from './radiometry';
import { sentinel2Tile } from './scene-key';
import { sentinel2Platform, sentinel2SceneKey } from './scene-identity';
import { SENTINEL_2_BANDS, SENTINEL_2_RED, SENTINEL_2_VISUAL_SPECS, isSentinel2Visual, resolveSentinel2Band } from './sentinel-2-bands';
import type { UpstreamCore } from './upstream-core';

function declaredScale(candidate: UpstreamAsset | undefined): { scale: number; offset: number } | undefined {
  const bands = candidate ? asArray(candidate.asset['raster:bands']) : undefined;
  const first = bands && isRecord(bands[0]) ? bands[0] : undefined;
  const scale = asFiniteNumber(first?.scale);
  return scale === undefined ? undefined : { scale, offset: asFiniteNumber(first?.offset) ?? 0 };
}

interface Candidates {
  byBand: Map<BandSpec, UpstreamAsset[]>;
  visual: UpstreamAsset[];
}

function candidatesOf(core: UpstreamCore): Candidates {
  const byBand = new Map<BandSpec, UpstreamAsset[]>();
  const visual: UpstreamAsset[] = [];
  for (const candidate of core.assets) {
    if (isSentinel2Visual(candidate.key)) visual.push(candidate);
    const band = resolveSentinel2Band(candidate.key, candidate.asset);
    if (!band) continue;
    const list = byBand.get(band);
    if (list) list.push(candidate);
    else byBand.set(band, [candidate]);
  }
  return { byBand, visual };
}

function bandAssets(byBand: Map<BandSpec, UpstreamAsset[]>, radiometry: Radiometry): Record<string, StacAsset> {
  const assets: Record<string, StacAsset> = {};
  for (const spec of SENTINEL_2_BANDS) {
    const chosen = bestCandidate(byBand.get(spec), spec.gsd);
    if (!chosen) continue;
    assets[spec.asset] = spec.kind === 'reflectance'
      ? bandAsset(spec, chosen, {
        nodata: 0, data_type: 'uint16', spatial_resolution: spec.gsd,
        scale: radiometry.reflectance_scale, offset: radiometry.reflectance_offset,
      })
      : bandAsset(spec, chosen, { nodata: 0, data_type: 'uint8', spatial_resolution: spec.gsd });
  }
  return assets;
}

export function normalizeSentinel2(core: UpstreamCore, origin: ItemOrigin): StacItem {
  const platform = sentinel2Platform(core) ?? 'sentinel-2';
  const { byBand, visual: visualCandidates } = candidatesOf(core);
  const radiometry = decideSentinel2Radiometry({
    catalog: origin.catalog,
    collection: core.collection,
    processingBaseline: asString(core.props['s2:processing_baseline']),
    boaOffsetApplied: asBoolean(core.props['earthsearch:boa_offset_applied']),
    declared: declaredScale(bestCandidate(byBand.get(SENTINEL_2_RED), SENTINEL_2_RED.gsd)),
    datetime: core.datetime,
  });
  const assets = bandAssets(byBand, radiometry);

  const visual = bestCandidate(visualCandidates, 10);
  if (visual) assets.visual = visualAsset(visual, SENTINEL_2_VISUAL_SPECS, 10);
  const thumbnail = pickThumbnail(core.assets);
  if (thumbnail) assets.thumbnail = thumbnailAsset(thumbnail);

  const tile = sentinel2Tile(core.upstreamId, core.props);
  return assembleItem(origin, core, {
    platform,
    constellation: 'sentinel-2',
    gsd: 10,
    sceneKey: sentinel2SceneKey(core, platform),
    gridCode: tile ? `MGRS-${tile}` : undefined,
    radiometry,
  }, assets);
}
