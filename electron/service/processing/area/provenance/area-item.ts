/**
 * The STAC Item of an area result (GET /api/v1/jobs/{id}/item): the COG as asset `result` (a time
 * series: its JSON and CSV), the grid (projection extension), bands and statistics, and the recipe
 * — every scene used and how each band was read (asset, scale/offset/nodata, HLS adjustment, COG
 * level), the observations, the reducer, the masks, the harmonization applied per platform with
 * its coefficients, and the canonical request that re-runs it. Pure.
 */
import { isHlsPlatform } from '../../../../../workers/lib/cube/hls-harmonize';
import { jobHref, RESULT_FILE_MEDIA_TYPE } from '../../../jobs/job-record';
import type { Job } from '../../../jobs/types';
import { parseDatetime } from '../../../search/parse-datetime';
import type { Geometry, StacAsset, StacItem, StacLink } from '../../../stac/types';
import { ASTRA_VERSION } from '../../../version';
import { seriesHrefs } from '../engine/run-timeseries';
import type { AreaParams, PlannedAreaScene } from '../plan/area-plan';
import { areaLineage } from './area-lineage';

const EXTENSIONS = {
  projection: 'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  raster: 'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
  processing: 'https://stac-extensions.github.io/processing/v1.1.0/schema.json',
};

function footprint([w, s, e, n]: number[]): Geometry {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function timeRange({ request }: AreaParams): { start_datetime: string | null; end_datetime: string | null } {
  const periods = request.type === 'change' ? [request.before.datetime, request.after.datetime] : [request.datetime];
  const ranges = periods.map((p) => parseDatetime(p));
  const starts = ranges.map((r) => r?.start).filter((t): t is string => !!t).sort();
  const ends = ranges.map((r) => r?.end).filter((t): t is string => !!t).sort();
  return { start_datetime: starts[0] ?? null, end_datetime: ends[ends.length - 1] ?? null };
}

function inputOf(scene: PlannedAreaScene) {
  return {
    scene: scene.id,
    datetime: scene.datetime,
    platform: scene.platform,
    collection: scene.collection,
    bands: Object.entries(scene.bands).map(([variable, band]) => ({
      variable, asset: band.asset, band: band.sample + 1, common_name: band.common_name, scale: band.scale, offset: band.offset, nodata: band.nodata,
      cog_level: band.image_index, adjustment: band.adjust, resampling: 'bilinear (on reflectance) where its grid differs from the output grid',
    })),
    mask: scene.mask ? { asset: scene.mask.asset, kind: scene.mask.kind, invalid_classes: scene.mask.invalid_classes, invalid_bits: scene.mask.invalid_bits, resampling: 'nearest' } : null,
    mask_note: scene.mask_note,
  };
}

function assetsOf(job: Job, { plan }: AreaParams, origin: string): Record<string, StacAsset> {
  if (plan.kind === 'timeseries') {
    const { href, csv } = seriesHrefs(job.id);
    return {
      data: { href: `${origin}${href}`, type: 'application/json', title: 'time series (TimeseriesResult)', roles: ['data'] },
      csv: { href: `${origin}${csv}`, type: 'text/csv', title: 'time series, one row per entry', roles: ['data'] },
    };
  }
  const stats = job.result?.stats;
  const bands = plan.bands.map((band, i) => ({
    data_type: 'float32', nodata: 'nan', description: band.description,
    ...(i === 0 && stats && stats.min !== null ? { statistics: { minimum: stats.min, maximum: stats.max, mean: stats.mean, valid_percent: 100 * stats.valid_fraction } } : {}),
  }));
  return { result: { href: `${origin}${job.result?.href ?? `${jobHref(job.id)}/result.tif`}`, type: RESULT_FILE_MEDIA_TYPE, title: plan.bands.map((b) => b.name).join(', '), roles: ['data'], 'raster:bands': bands as never } };
}

export function areaItem(job: Job, params: AreaParams, origin: string): StacItem {
  const { plan, request } = params;
  const [x0, w, rx, y0, ry, h] = plan.grid.transform;
  const links: StacLink[] = [
    { rel: 'self', href: `${origin}${jobHref(job.id)}/item`, type: 'application/geo+json' },
    { rel: 'via', href: `${origin}${jobHref(job.id)}`, type: 'application/json', title: 'the processing job' },
    ...plan.scenes.map((scene) => ({ rel: 'derived_from', href: `${origin}/api/v1/scenes/${encodeURIComponent(scene.id)}`, type: 'application/geo+json', title: scene.id })),
  ];
  const notCovered = [...new Set(plan.scenes.map((s) => s.platform).filter((p) => !isHlsPlatform(p)))];
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [EXTENSIONS.projection, EXTENSIONS.processing, ...(plan.kind === 'timeseries' ? [] : [EXTENSIONS.raster])],
    id: job.id,
    geometry: footprint(plan.bbox),
    bbox: plan.bbox,
    properties: {
      datetime: null,
      ...timeRange(params),
      created: job.finished_at ?? job.created_at,
      title: `${job.type} of ${plan.scenes.length} scenes (${plan.observations.length} observations)`,
      'proj:epsg': plan.epsg,
      'proj:shape': [plan.grid.height, plan.grid.width],
      'proj:transform': [w, rx, x0, ry, h, y0],
      'processing:software': { 'astra-desktop': ASTRA_VERSION },
      'processing:lineage': areaLineage(plan),
      'astra:job': { id: job.id, type: job.type, params: request },
      'astra:scenes': plan.scenes.map((scene) => scene.id),
      'astra:observations': plan.observations,
      'astra:grid': { crs: plan.grid.crs, width: plan.grid.width, height: plan.grid.height, resolution: plan.resolution, transform: plan.grid.transform },
      'astra:reducer': plan.reducer,
      'astra:values': plan.values,
      'astra:mask_clouds': plan.mask_clouds,
      'astra:harmonization': plan.harmonize ? { method: 'hls', applied: plan.harmonization, not_covered_platforms: notCovered } : null,
      ...(plan.threshold !== null ? { 'astra:threshold': plan.threshold } : {}),
      ...(plan.period ? { 'astra:period': plan.period } : {}),
      'astra:inputs': plan.scenes.map(inputOf),
      ...(job.result?.stats ? { 'astra:stats': job.result.stats } : {}),
    } as unknown as StacItem['properties'],
    links,
    assets: assetsOf(job, params, origin),
  };
}
