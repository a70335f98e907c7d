/**
 * A posted openEO process → the ASTRA job the local engine runs (../graph/ does the reading), and
 * the engine's refusals of that job as openEO errors. Every kind a graph can read as (ndvi, index,
 * change, composite, timeseries) is a job kind of the queue.
 */
import { isAppError } from '../../api/errors';
import type { JobRequest } from '../../jobs/area-job-types';
import { QueueFullError } from '../../jobs/job-admission';
import { OpenEoError, processGraphToJob, type OpenEoProcess } from '../graph';
import type { OutputFormat } from './job-records';

export interface Translated {
  /** The process as posted (graph and metadata), kept for GET /jobs/{id}. */
  process: OpenEoProcess;
  job: JobRequest;
  format: OutputFormat;
}

export async function translateProcess(process: unknown): Promise<Translated> {
  const { job, format } = await processGraphToJob(process);
  return { process: process as OpenEoProcess, job, format };
}

/**
 * The queue's refusal of a translated job: the job's own validation (an unknown scene, no overlap,
 * a band the scene lacks, an area too large — 4xx AppErrors) becomes ProcessParameterInvalid naming
 * the job; admission (queue limits, disk space) and upstream failures pass as they are.
 */
export function asProcessError(error: unknown, job: JobRequest): unknown {
  if (error instanceof QueueFullError || !isAppError(error)) return error;
  if (error.status >= 500 || error.code === 'rate_limited' || error.code === 'request_timeout') return error;
  return new OpenEoError('ProcessParameterInvalid', `The process graph asks for an ASTRA ${job.type} job that cannot run: ${error.message}`);
}
