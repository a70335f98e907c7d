/**
 * The STAC Item of a processing result (GET /api/v1/jobs/{id}/item): the COG as asset `result`,
 * its grid (projection extension), bands and statistics (raster extension; the change class band
 * described with the classification extension), and the full recipe (processing extension plus
 * `astra:inputs`): scene ids, which asset and band each identifier read, the scale/offset/nodata
 * applied, the cloud mask rule, the expression, the threshold and the software version — enough
 * to re-run it (`astra:job.params` is the exact POST body). Pure.
 */
import type { Job } from '../../jobs/types';
import { jobHref, RESULT_FILE_MEDIA_TYPE } from '../../jobs/job-record';
import type { Geometry, StacItem, StacLink } from '../../stac/types';
import { ASTRA_VERSION } from '../../version';
import type { ProcessingParams } from '../kinds/processing-params';
import type { PlannedScene, ProcessingPlan } from '../plan/processing-plan';
import { lineage } from './lineage';

const EXTENSIONS = {
  projection: 'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  raster: 'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
  processing: 'https://stac-extensions.github.io/processing/v1.1.0/schema.json',
  classification: 'https://stac-extensions.github.io/classification/v1.1.0/schema.json',
};

/** The POST body that re-runs the job. */
export function rerunBody(type: string, params: ProcessingParams): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const [key, value] of Object.entries(params.request)) {
    if (value === null || value === undefined) continue;
    if (key === 'index' && type === 'ndvi') continue;
    body[key] = value;
  }
  return body;
}

function footprint(bbox: number[]): Geometry {
  const [w, s, e, n] = bbox;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function timeProperties(plan: ProcessingPlan, job: Job): Record<string, string | null> {
  const times = plan.scenes.map((scene) => scene.datetime).filter((t): t is string => t !== null).sort();
  if (plan.op === 'index' || times.length < 2) return { datetime: times[0] ?? job.created_at };
  return { datetime: null, start_datetime: times[0], end_datetime: times[times.length - 1] };
}

function inputOf(scene: PlannedScene) {
  return {
    role: scene.role,
    scene: scene.id,
    datetime: scene.datetime,
    platform: scene.platform,
    bands: scene.bands.map((band) => ({
      identifier: band.name,
      asset: band.asset,
      band: band.sample + 1,
      common_name: band.common_name,
      scale: band.scale,
      offset: band.offset,
      nodata: band.nodata,
      cog_level: band.image_index,
      resampling: 'bilinear (on reflectance) where the grid differs from the output grid',
    })),
    mask: scene.mask ? { asset: scene.mask.asset, kind: scene.mask.kind, invalid_classes: scene.mask.invalid_classes, invalid_bits: scene.mask.invalid_bits, resampling: 'nearest' } : null,
    mask_note: scene.mask_note,
  };
}

function rasterBands(plan: ProcessingPlan, job: Job) {
  const stats = job.result?.stats;
  return plan.bands.map((band, i) => {
    const out: Record<string, unknown> = { data_type: 'float32', nodata: 'nan', description: band.description };
    if (i === 0 && stats && stats.min !== null && stats.max !== null && stats.mean !== null) {
      out.statistics = { minimum: stats.min, maximum: stats.max, mean: stats.mean, valid_percent: 100 * stats.valid_fraction };
    }
    if (band.name === 'change_class') {
      out['classification:classes'] = [
        { value: -1, name: 'loss', description: `difference below -${plan.threshold}` },
        { value: 0, name: 'no_change', description: `difference within ±${plan.threshold}` },
        { value: 1, name: 'gain', description: `difference above ${plan.threshold}` },
      ];
    }
    return out;
  });
}

/** `origin` (e.g. http://127.0.0.1:8787) makes hrefs absolute. */
export function processingItem(job: Job, params: ProcessingParams, origin: string): StacItem {
  const { plan } = params;
  const [x0, w, rx, y0, ry, h] = plan.grid.transform;
  const links: StacLink[] = [
    { rel: 'self', href: `${origin}${jobHref(job.id)}/item`, type: 'application/geo+json' },
    { rel: 'via', href: `${origin}${jobHref(job.id)}`, type: 'application/json', title: 'the processing job' },
    ...plan.scenes.map((scene) => ({ rel: 'derived_from', href: `${origin}/api/v1/scenes/${encodeURIComponent(scene.id)}`, type: 'application/geo+json', title: `${scene.role}: ${scene.id}` })),
  ];
  const extensions = [EXTENSIONS.projection, EXTENSIONS.raster, EXTENSIONS.processing, ...(plan.op === 'change' ? [EXTENSIONS.classification] : [])];
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: extensions,
    id: job.id,
    geometry: footprint(plan.bbox),
    bbox: plan.bbox,
    properties: {
      ...timeProperties(plan, job),
      created: job.finished_at ?? job.created_at,
      title: `${job.type} of ${plan.scenes.map((s) => s.id).join(' → ')}`,
      'proj:epsg': plan.epsg,
      'proj:shape': [plan.grid.height, plan.grid.width],
      'proj:transform': [w, rx, x0, ry, h, y0],
      'processing:software': { 'astra-desktop': ASTRA_VERSION },
      'processing:lineage': lineage(plan),
      'processing:expression': { format: 'astra-band-math', expression: plan.expression },
      'astra:job': { id: job.id, type: job.type, params: rerunBody(job.type, params) },
      'astra:inputs': plan.scenes.map(inputOf),
      'astra:mask_clouds': plan.mask_clouds,
      ...(plan.threshold !== null ? { 'astra:threshold': plan.threshold } : {}),
      ...(job.result?.stats ? { 'astra:stats': job.result.stats } : {}),
    } as unknown as StacItem['properties'],
    links,
    assets: {
      result: {
        href: `${origin}${job.result?.href ?? `${jobHref(job.id)}/result.tif`}`,
        type: RESULT_FILE_MEDIA_TYPE,
        title: plan.bands.map((band) => band.name).join(', '),
        roles: ['data'],
        'raster:bands': rasterBands(plan, job) as never,
      },
    },
  };
}
