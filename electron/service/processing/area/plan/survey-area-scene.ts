/**
 * What validation learns about one scene of an area job: its item's facts (source, platform,
 * datetime, footprint longitude for the solar day), the job's variables bound to its bands
 * (processing/scene/band-binding.ts: asset keys or common names, nir → nir08 on Landsat, the
 * radiometry the catalogs' adapters decided), its cloud mask, and the header of every COG it reads.
 */
import { normalizePlatformName } from '../../../../../workers/lib/cube/solar-day';
import { unprocessable } from '../../../api/errors';
import { parseScopedId } from '../../../search/scoped-id';
import type { Geometry, SourceId, StacItem } from '../../../stac/types';
import type { CogProbe } from '../../grid/cog-probe';
import { bindBands, type BoundBand } from '../../scene/band-binding';
import { maskBandOf, type MaskChoice } from '../../scene/mask-band';
import type { CogProbeCache } from './probe-cache';

export interface AreaSceneSurvey {
  id: string;
  source: SourceId;
  platform: string;
  datetime: string;
  collection: string | null;
  /** Longitude of the footprint's centroid (solar day). */
  longitude: number;
  bands: BoundBand[];
  mask: MaskChoice | null;
  maskNote: string;
  probes: Map<string, CogProbe>;
}

/** Area-weighted centroid longitude of the footprint's largest ring (its bbox centre as a fallback). */
export function footprintLongitude(geometry: Geometry | null, bbox: number[] | undefined): number {
  const rings = geometry?.type === 'Polygon' ? [geometry.coordinates[0]] : geometry?.type === 'MultiPolygon' ? geometry.coordinates.map((p) => p[0]) : [];
  let best = { area: 0, x: NaN };
  for (const ring of rings) {
    let a = 0;
    let cx = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
    }
    if (Math.abs(a) > Math.abs(best.area)) best = { area: a, x: cx / (3 * a) };
  }
  if (Number.isFinite(best.x)) return best.x;
  return bbox && bbox.length >= 4 ? (bbox[0] + bbox[bbox.length / 2]) / 2 : NaN;
}

function datetimeOf(item: StacItem): string {
  const properties = item.properties as Record<string, unknown>;
  const value = properties.datetime ?? properties.start_datetime;
  if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) throw unprocessable('datetime', `scene ${item.id} has no datetime`);
  return value;
}

export async function surveyAreaScene(
  probes: CogProbeCache, item: StacItem, variables: readonly string[], parameter: string, maskClouds: boolean, signal?: AbortSignal,
): Promise<AreaSceneSurvey> {
  const { source } = parseScopedId(item.id, 'scene');
  const bands = bindBands(item, variables, parameter);
  const mask = maskClouds ? maskBandOf(item) : null;
  const maskNote = !maskClouds ? 'cloud masking off (mask_clouds: false)' : mask ? mask.rule : 'no cloud masking: the scene has no SCL or QA_PIXEL band';
  const assets = [...new Set([...bands.map((band) => band.asset), ...(mask ? [mask.asset] : [])])];
  const found = new Map<string, CogProbe>();
  await Promise.all(assets.map(async (asset) => {
    found.set(asset, await probes.probe({ scene: item.id, asset }, `asset ${asset} of ${item.id}`, parameter, signal));
  }));
  for (const band of bands) {
    const probe = found.get(band.asset)!;
    if (band.sample >= probe.samples) throw unprocessable(parameter, `band "${band.name}" is band ${band.sample + 1} of asset ${band.asset} of ${item.id}, but its file has ${probe.samples}`);
    if (band.nodata === null && probe.nodata !== null) band.nodata = Number.isNaN(probe.nodata) ? 'nan' : probe.nodata;
  }
  return {
    id: item.id,
    source,
    platform: normalizePlatformName(typeof item.properties.platform === 'string' && item.properties.platform ? item.properties.platform : source),
    datetime: datetimeOf(item),
    collection: typeof item.collection === 'string' ? item.collection : null,
    longitude: footprintLongitude(item.geometry, item.bbox),
    bands,
    mask,
    maskNote,
    probes: found,
  };
}
