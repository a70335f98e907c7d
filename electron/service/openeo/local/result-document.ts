/**
 * What `GET /jobs/{id}/results` answers for a finished job: a STAC Item (openEO API 1.2
 * `batch_job_result`) whose assets are the run's result files behind signed, expiring links
 * (result-links.ts). A processing job's item is its ASTRA provenance item (grid, bands, statistics,
 * inputs) under the openEO job's id; other kinds get the footprint their result reports. Pure.
 */
import { RESULT_FILE_MEDIA_TYPE } from '../../jobs/job-record';
import type { Job } from '../../jobs/types';
import { isProcessingParams, processingItem } from '../../processing';
import type { Geometry, StacAsset, StacItem, StacLink } from '../../stac/types';
import type { OpenEoJobRecord, OutputFormat } from './job-records';
import { openEoJobUrl, openEoUrl } from './paths';
import type { SignedQuery } from './result-links';

export interface ResultFile {
  /** Its name in the run's work dir and in the download link, e.g. `result.tif`. */
  name: string;
  type: string;
}

const MEDIA_TYPES: Readonly<Record<string, string>> = { tif: RESULT_FILE_MEDIA_TYPE, json: 'application/json', csv: 'text/csv; charset=utf-8' };
const EXTENSION_OF_FORMAT: Readonly<Record<OutputFormat, string>> = { GTiff: 'tif', JSON: 'json', CSV: 'csv' };

/** The file of a finished run that holds the format the graph's save_result asks for (none if the run left no such file). */
export function resultFilesOf(run: Job, format: OutputFormat): ResultFile[] {
  const hrefs = [run.result?.href, run.result?.csv].filter((href): href is string => typeof href === 'string');
  const extension = EXTENSION_OF_FORMAT[format];
  return hrefs
    .map((href) => href.split('?')[0].split('/').pop() ?? '')
    .filter((name) => /^[\w.-]+$/.test(name) && name.endsWith(`.${extension}`))
    .map((name) => ({ name, type: MEDIA_TYPES[extension] }));
}

function polygonOf(bbox: number[]): Geometry {
  const [w, s, e, n] = bbox;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function baseItem(record: OpenEoJobRecord, run: Job, origin: string): StacItem {
  if (isProcessingParams(run.params)) return processingItem(run, run.params, origin);
  const bbox = Array.isArray(run.result?.bbox) && run.result.bbox.length === 4 ? run.result.bbox : undefined;
  const period = typeof (record.job as { datetime?: unknown }).datetime === 'string' ? String((record.job as { datetime: string }).datetime).split('/') : [];
  const time = period.length === 2
    ? { datetime: null, start_datetime: new Date(period[0]).toISOString(), end_datetime: new Date(period[1]).toISOString() }
    : { datetime: run.finished_at ?? run.created_at };
  return {
    type: 'Feature', stac_version: '1.0.0', stac_extensions: [], id: run.id,
    geometry: bbox ? polygonOf(bbox) : null, ...(bbox ? { bbox } : {}),
    properties: { ...time, created: run.finished_at ?? run.created_at } as unknown as StacItem['properties'],
    links: [], assets: {},
  };
}

export interface ResultAssetLink {
  file: ResultFile;
  href: string;
}

export function resultItem(record: OpenEoJobRecord, run: Job, origin: string, files: readonly ResultAssetLink[], expiresAt: string): StacItem {
  const item = baseItem(record, run, origin);
  const described = Object.values(item.assets)[0] as StacAsset | undefined;
  const assets: Record<string, StacAsset> = {};
  for (const { file, href } of files) {
    const extra = file.type === RESULT_FILE_MEDIA_TYPE && described ? { title: described.title, 'raster:bands': described['raster:bands'] } : {};
    assets[file.name] = { href, type: file.type, roles: ['data'], ...extra } as StacAsset;
  }
  const links: StacLink[] = [
    { rel: 'self', href: `${openEoJobUrl(origin, record.id)}/results`, type: 'application/json' },
    { rel: 'related', href: openEoJobUrl(origin, record.id), type: 'application/json', title: 'the openEO batch job' },
    ...item.links.filter((link) => link.rel !== 'self'),
  ];
  return {
    ...item,
    id: record.id,
    properties: { ...item.properties, ...(record.title ? { title: record.title } : {}), expires: expiresAt, 'openeo:status': 'finished' } as StacItem['properties'],
    assets,
    links,
  };
}

/** The download link of a result file: `…/downloads/{job_id}/{file}?run=&expires=&sig=` (outside /jobs, so no spelling of a job route reaches it). */
export function resultFileUrl(origin: string, jobId: string, file: string, query: SignedQuery): string {
  const search = new URLSearchParams({ run: query.run, expires: String(query.expires), sig: query.sig });
  return openEoUrl(origin, `/downloads/${jobId}/${file}?${search.toString()}`);
}
