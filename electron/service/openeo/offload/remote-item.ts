/**
 * The STAC Item of a result computed on a remote openEO back-end (GET /api/v1/jobs/{id}/item):
 * the COG as asset `result` with its grid and statistics, the time the observations cover, and
 * where it was made — `openeo:backend` (the settings id), `openeo:backend_url`, `openeo:api_url`,
 * `openeo:job_id` — with the graph as submitted (the back-end's names) as `processing:expression`,
 * the name mapping and the back-end's own results document (hrefs without signatures) under
 * `astra:remote`. Pure: the caller reads `remote-run.json`.
 */
import { jobHref, RESULT_FILE_MEDIA_TYPE } from '../../jobs/job-record';
import type { Job } from '../../jobs/types';
import type { Geometry, StacItem, StacLink } from '../../stac/types';
import { ASTRA_VERSION } from '../../version';
import type { OffloadParams } from './offload-params';
import type { RemoteRunRecord } from './remote-result';

const EXTENSIONS = [
  'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
  'https://stac-extensions.github.io/processing/v1.1.0/schema.json',
];

function footprint(bbox: number[]): Geometry {
  const [w, s, e, n] = bbox;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function timeProperties(params: OffloadParams): Record<string, string | null> {
  if (params.time.start === params.time.end) return { datetime: params.time.start };
  return { datetime: null, start_datetime: params.time.start, end_datetime: params.time.end };
}

function rasterBands(job: Job): Array<Record<string, unknown>> {
  const bands = Array.isArray(job.result?.bands) ? (job.result.bands as string[]) : [];
  const stats = job.result?.stats;
  return bands.map((name, i) => ({
    data_type: 'float32', nodata: 'nan', description: name,
    ...(i === 0 && stats && stats.min !== null && stats.max !== null && stats.mean !== null
      ? { statistics: { minimum: stats.min, maximum: stats.max, mean: stats.mean, valid_percent: 100 * stats.valid_fraction } } : {}),
  }));
}

function resultAsset(job: Job, origin: string): Record<string, unknown> {
  const href = `${origin}${job.result?.href ?? `${jobHref(job.id)}/result.tif`}`;
  if (job.result?.href?.endsWith('.json') || job.result?.href?.endsWith('.csv')) {
    return { href, type: job.result.href.endsWith('.json') ? 'application/json' : 'text/csv', title: 'time series, as the back-end wrote it', roles: ['data'] };
  }
  return { href, type: RESULT_FILE_MEDIA_TYPE, title: (job.result?.bands as string[] | undefined)?.join(', ') ?? 'result', roles: ['data'], 'raster:bands': rasterBands(job) };
}

/** `origin` (e.g. http://127.0.0.1:8787) makes hrefs absolute. */
export function remoteJobItem(job: Job, params: OffloadParams, run: RemoteRunRecord, origin: string): StacItem {
  const bbox = job.result?.bbox ?? params.extent ?? [-180, -90, 180, 90];
  const links: StacLink[] = [
    { rel: 'self', href: `${origin}${jobHref(job.id)}/item`, type: 'application/geo+json' },
    { rel: 'via', href: `${origin}${jobHref(job.id)}`, type: 'application/json', title: 'the job' },
    { rel: 'via', href: `${run.backend.api_url}/jobs/${encodeURIComponent(run.job_id)}`, type: 'application/json', title: `the batch job on ${run.backend.id}` },
  ];
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: EXTENSIONS,
    id: job.id,
    geometry: footprint(bbox),
    bbox,
    properties: {
      ...timeProperties(params),
      created: job.finished_at ?? job.created_at,
      title: `${job.type} on ${run.backend.title ?? run.backend.id}`,
      'openeo:backend': run.backend.id,
      'openeo:backend_url': run.backend.url,
      'openeo:api_url': run.backend.api_url,
      'openeo:job_id': run.job_id,
      ...(job.result?.crs ? { 'proj:epsg': Number(String(job.result.crs).replace('EPSG:', '')) } : {}),
      ...(job.result?.width && job.result.height ? { 'proj:shape': [job.result.height, job.result.width] } : {}),
      'processing:software': { 'astra-desktop': ASTRA_VERSION },
      'processing:facility': run.backend.url,
      'processing:lineage': `computed by the openEO back-end ${run.backend.id} (${run.backend.url}) as batch job ${run.job_id}; `
        + `${run.assets.length} result file(s) downloaded and written by ASTRA as one float32 COG (files on one pixel lattice mosaicked, the first valid pixel winning)`,
      'processing:expression': { format: 'openeo', expression: run.process },
      'astra:job': { id: job.id, type: job.type, params: { ...params.request, on: params.on } },
      'astra:remote': { mapping: run.mapping, assets: run.assets, results: run.stac },
      ...(job.result?.stats ? { 'astra:stats': job.result.stats } : {}),
    } as unknown as StacItem['properties'],
    links,
    assets: { result: resultAsset(job, origin) as never },
  };
}
