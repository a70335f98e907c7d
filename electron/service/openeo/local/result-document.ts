/**
 * What `GET /jobs/{id}/results` answers for a finished job: a STAC Item (openEO API 1.2
 * `batch_job_result`) whose assets are the run's result files behind signed, expiring links
 * (result-links.ts): the run's ASTRA provenance item (grid, bands, statistics, inputs; an area
 * job's scenes, observations and reducer) under the openEO job's id. Pure.
 */
import { RESULT_FILE_MEDIA_TYPE } from '../../jobs/job-record';
import type { Job } from '../../jobs/types';
import { areaItem, isAreaParams, isProcessingParams, processingItem } from '../../processing';
import { OpenEoError } from '../graph';
import type { StacAsset, StacItem, StacLink } from '../../stac/types';
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

/** The ASTRA provenance item of the run; every kind a graph can read as has one. */
function baseItem(run: Job, origin: string): StacItem {
  if (isAreaParams(run.params)) return areaItem(run, run.params, origin);
  if (isProcessingParams(run.params)) return processingItem(run, run.params, origin);
  throw new OpenEoError('Internal', `The run ${run.id} is a ${run.type} job, which has no result item.`);
}

export interface ResultAssetLink {
  file: ResultFile;
  href: string;
}

export function resultItem(record: OpenEoJobRecord, run: Job, origin: string, files: readonly ResultAssetLink[], expiresAt: string): StacItem {
  const item = baseItem(run, origin);
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
