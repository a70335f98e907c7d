/**
 * Which assets make a scene's true-colour preview, and how their numbers become reflectance:
 * the 8-bit `visual` composite when there is one, else Sentinel-2 B04/B03/B02, else Landsat
 * SR_B4/SR_B3/SR_B2 with Collection 2 scale and offset. `raster:bands` of the item win over the
 * defaults.
 */
import type { StacAsset, StacItem } from '../../../../electron/service/api/contract';
import type { OverlaySpec, PreviewBand } from '../../state/overlays-store';

type Defaults = { scale: number; offset: number; nodata: number };

const SENTINEL_2: Defaults = { scale: 0.0001, offset: 0, nodata: 0 };
const LANDSAT_SR: Defaults = { scale: 0.0000275, offset: -0.2, nodata: 0 };

const TRIPLES: Array<{ assets: [string, string, string]; defaults: Defaults }> = [
  { assets: ['B04', 'B03', 'B02'], defaults: SENTINEL_2 },
  { assets: ['SR_B4', 'SR_B3', 'SR_B2'], defaults: LANDSAT_SR },
];

function band(asset: string, meta: StacAsset, defaults: Defaults): PreviewBand {
  const raster = meta['raster:bands']?.[0];
  return {
    asset,
    scale: raster?.scale ?? defaults.scale,
    offset: raster?.offset ?? defaults.offset,
    nodata: raster?.nodata ?? defaults.nodata,
  };
}

export type PreviewPlan = { ok: true; spec: OverlaySpec; description: string } | { ok: false; reason: string };

export function previewPlan(item: StacItem): PreviewPlan {
  const epsg = typeof item.properties['proj:epsg'] === 'number' ? item.properties['proj:epsg'] : null;
  const visual = item.assets.visual;
  if (visual) {
    const nodata = visual['raster:bands']?.[0]?.nodata ?? 0;
    return { ok: true, spec: { kind: 'preview', sceneId: item.id, epsg, visual: { asset: 'visual', nodata }, bands: [] }, description: 'visual (true-colour composite)' };
  }
  for (const triple of TRIPLES) {
    if (triple.assets.every((a) => item.assets[a])) {
      const bands = triple.assets.map((a) => band(a, item.assets[a], triple.defaults));
      return { ok: true, spec: { kind: 'preview', sceneId: item.id, epsg, visual: null, bands }, description: triple.assets.join(' / ') };
    }
  }
  return { ok: false, reason: 'This scene has no true-colour assets (visual, B04/B03/B02 or SR_B4/SR_B3/SR_B2).' };
}

/** Assets to fetch so the scene can be viewed and processed (NDVI) offline. */
export function offlineBands(item: StacItem): string[] {
  const wanted = ['visual', 'B04', 'B03', 'B02', 'B08', 'SCL', 'SR_B4', 'SR_B3', 'SR_B2', 'SR_B5', 'QA_PIXEL'];
  return wanted.filter((a) => item.assets[a]);
}
