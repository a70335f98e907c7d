/**
 * The downloaded results of a finished remote job → the job's normal result in its work dir:
 *
 * - a raster job (ndvi, index, change, composite): every GeoTIFF asset is mosaicked onto their
 *   common pixel lattice (first valid pixel wins where files overlap) and written as `result.tif`
 *   by the service's COG writer — also a single file, so every result is the same kind of COG
 *   (float32, NaN nodata, 512 px tiles, overviews, statistics); assets on different grids are
 *   refused, naming them;
 * - a time series: the first JSON asset becomes `result.json`, the first CSV `result.csv`, as the
 *   back-end wrote them (openEO leaves the layout of JSON output to the back-end).
 *
 * What the STAC item needs (back-end, remote job, name mapping, submitted graph, the back-end's
 * results document) is kept beside it in `remote-run.json`; the downloads are removed.
 */
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError, notFound } from '../../api/errors';
import { RESULT_FILE_NAME, resultFileHref } from '../../jobs/job-record';
import type { JobResult } from '../../jobs/types';
import { gridBboxWgs84 } from '../../processing/grid/footprint';
import { MosaicError, writeMosaicCog } from '../../raster/mosaic';
import type { Bbox } from '../../stac/types';
import { ASTRA_VERSION } from '../../version';
import type { DownloadedAsset, RemoteJobResult } from '../remote/types';
import type { OffloadParams } from './offload-params';

/** Beside the result: what the STAC item of a remote result records. */
export const REMOTE_RUN_FILE = 'remote-run.json';
export const TIMESERIES_JSON = 'result.json';
export const TIMESERIES_CSV = 'result.csv';

export interface RemoteRunRecord {
  backend: RemoteJobResult['backend'];
  job_id: string;
  mapping: RemoteJobResult['mapping'];
  process: RemoteJobResult['process'];
  /** The back-end's results document, asset hrefs without their signatures. */
  stac: Record<string, unknown>;
  assets: Array<{ key: string; href: string; bytes: number; type: string | null }>;
}

type FileKind = 'geotiff' | 'json' | 'csv' | 'other';

export function fileKind(file: Pick<DownloadedAsset, 'type' | 'path' | 'key'>): FileKind {
  const type = (file.type ?? '').toLowerCase();
  const extension = extname(file.path).toLowerCase() || extname(file.key).toLowerCase();
  if (type.includes('tiff') || extension === '.tif' || extension === '.tiff') return 'geotiff';
  if (type.includes('json') || extension === '.json' || extension === '.geojson') return 'json';
  if (type.includes('csv') || extension === '.csv') return 'csv';
  return 'other';
}

export interface ResultContext {
  jobId: string;
  workDir: string;
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
}

function wgs84Bbox(epsg: number, width: number, height: number, transform: readonly number[], fallback: Bbox | null): Bbox | null {
  try {
    return gridBboxWgs84({ crs: `EPSG:${epsg}`, width, height, transform: transform as [number, number, number, number, number, number] });
  } catch {
    // A CRS the service cannot project (e.g. an equal-area grid): the area the job asked for.
    return fallback;
  }
}

async function rasterResult(run: RemoteJobResult, params: OffloadParams, ctx: ResultContext): Promise<JobResult> {
  const output = params.output.kind === 'raster' ? params.output : null;
  const tiffs = run.files.filter((file) => fileKind(file) === 'geotiff');
  if (tiffs.length === 0) {
    const listed = run.files.map((file) => `${file.key} (${file.type ?? 'no type'})`).join(', ');
    throw new AppError('upstream_error', `the remote job ${run.job_id} on ${run.backend.id} delivered no GeoTIFF (${listed}); ASTRA needs a GeoTIFF for a raster result`, { details: { backend: run.backend.id, remote_job_id: run.job_id } });
  }
  let mosaic;
  try {
    mosaic = await writeMosaicCog(tiffs.map((file) => ({ path: file.path, label: `result file ${file.key}` })), {
      path: join(ctx.workDir, RESULT_FILE_NAME),
      bandNames: output?.bands ?? [],
      nearestBands: output?.classBands ?? [],
      metadata: { ASTRA_JOB: ctx.jobId, ASTRA_VERSION, OPENEO_BACKEND: run.backend.url, OPENEO_JOB_ID: run.job_id },
      signal: ctx.signal,
      onProgress: ctx.progress,
    });
  } catch (error) {
    if (!(error instanceof MosaicError)) throw error;
    throw new AppError('unprocessable', `the results of the remote job ${run.job_id} on ${run.backend.id} cannot be put on one grid: ${error.message}`, { details: { backend: run.backend.id, remote_job_id: run.job_id } });
  }
  const band = mosaic.statistics[0];
  const any = band.validCount > 0;
  return {
    href: resultFileHref(ctx.jobId),
    bbox: wgs84Bbox(mosaic.epsg, mosaic.width, mosaic.height, mosaic.transform, params.extent) ?? undefined,
    crs: `EPSG:${mosaic.epsg}`,
    width: mosaic.width,
    height: mosaic.height,
    bands: mosaic.bands,
    stats: { min: any ? band.min : null, max: any ? band.max : null, mean: any ? band.mean : null, valid_fraction: band.validFraction },
    assets: tiffs.length,
  };
}

async function timeseriesResult(run: RemoteJobResult, ctx: ResultContext): Promise<JobResult> {
  const json = run.files.find((file) => fileKind(file) === 'json');
  const csv = run.files.find((file) => fileKind(file) === 'csv');
  if (!json && !csv) {
    throw new AppError('upstream_error', `the remote job ${run.job_id} on ${run.backend.id} delivered no JSON or CSV time series`, { details: { backend: run.backend.id, remote_job_id: run.job_id } });
  }
  if (json) await copyFile(json.path, join(ctx.workDir, TIMESERIES_JSON));
  if (csv) await copyFile(csv.path, join(ctx.workDir, TIMESERIES_CSV));
  const base = `/api/v1/jobs/${ctx.jobId}`;
  return {
    href: json ? `${base}/${TIMESERIES_JSON}` : `${base}/${TIMESERIES_CSV}`,
    ...(json && csv ? { csv: `${base}/${TIMESERIES_CSV}` } : {}),
    format: 'openeo',
  };
}

/** Turns the downloads (in `downloadDir`, removed afterwards) into the job's result. */
export async function remoteJobResult(run: RemoteJobResult, params: OffloadParams, downloadDir: string, ctx: ResultContext): Promise<JobResult> {
  const result = params.output.kind === 'raster' ? await rasterResult(run, params, ctx) : await timeseriesResult(run, ctx);
  const record: RemoteRunRecord = {
    backend: run.backend, job_id: run.job_id, mapping: run.mapping, process: run.process, stac: run.stac,
    assets: run.files.map((file) => ({ key: file.key, href: file.href, bytes: file.bytes, type: file.type })),
  };
  await writeFile(join(ctx.workDir, REMOTE_RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
  await rm(downloadDir, { recursive: true, force: true });
  return result;
}

/** The record a succeeded remote job left in its work dir (404 when it is gone). */
export async function readRemoteRun(workDir: string): Promise<RemoteRunRecord> {
  try {
    return JSON.parse(await readFile(join(workDir, REMOTE_RUN_FILE), 'utf8')) as RemoteRunRecord;
  } catch {
    throw notFound('the record of the remote run is missing from the job\'s files');
  }
}
