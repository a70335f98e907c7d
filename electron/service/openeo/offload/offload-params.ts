/**
 * The params a job that runs on a remote back-end is stored with, and what its result will be:
 * a raster (result.tif, named bands) or a time series (result.json / result.csv). Pure.
 */
import type { JobRequest } from '../../jobs/area-job-types';
import type { Bbox } from '../../stac/types';
import type { OpenEoProcess } from '../graph';
import { CHANGE_CLASS_BAND, VALID_COUNT_BAND } from '../graph';

export type OffloadOutput =
  | { kind: 'raster'; bands: string[]; classBands: string[] }
  | { kind: 'timeseries'; format: 'JSON' | 'CSV' };

export interface OffloadParams extends Record<string, unknown> {
  /** The back-end's id in the settings. */
  on: string;
  /** The job in canonical form (normalizeJobRequest): what the caller asked for, without `on`. */
  request: JobRequest;
  /** Its process graph in ASTRA's names (jobToProcessGraph); renamed to the back-end's when it runs. */
  process: OpenEoProcess;
  output: OffloadOutput;
  /** When the observations were made: the scenes' datetimes, or the period(s). */
  time: { start: string; end: string };
  /** The area asked for (WGS84), for a result on a grid the service cannot project; null when unknown. */
  extent: Bbox | null;
  /** The remote job's title. */
  title: string;
}

function valueName(request: { index?: string; expression?: string; bands?: string[] }): string[] {
  if (request.bands) return [...request.bands];
  return [request.index ?? (request.expression ? 'value' : 'ndvi')];
}

/** What a job's result will be called band by band (as local results are), or that it is a time series. */
export function outputOf(request: JobRequest): OffloadOutput {
  switch (request.type) {
    case 'ndvi':
      return { kind: 'raster', bands: ['ndvi'], classBands: [] };
    case 'index':
      return { kind: 'raster', bands: valueName(request), classBands: [] };
    case 'composite':
      return request.valid_count
        ? { kind: 'raster', bands: [...valueName(request), VALID_COUNT_BAND], classBands: [VALID_COUNT_BAND] }
        : { kind: 'raster', bands: valueName(request), classBands: [] };
    case 'change': {
      const name = ('expression' in request && request.expression ? 'value' : request.index ?? 'ndvi');
      return { kind: 'raster', bands: [`${name}_difference`, CHANGE_CLASS_BAND], classBands: [CHANGE_CLASS_BAND] };
    }
    case 'timeseries':
      return { kind: 'timeseries', format: 'JSON' };
  }
}

export function isOffloadParams(value: unknown): value is OffloadParams {
  const params = value as Partial<OffloadParams> | null;
  return !!params && typeof params.on === 'string' && typeof params.request === 'object' && typeof params.process === 'object' && typeof params.output === 'object';
}
