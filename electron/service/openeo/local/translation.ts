/**
 * A posted openEO process → the ASTRA job the local engine runs (../graph/ does the reading), and
 * the engine's refusals of that job as openEO errors. A graph that reads as a job kind this build
 * does not run yet (the area kinds before their engine lands) is FeatureUnsupported, not an
 * unknown job type.
 */
import { isAppError } from '../../api/errors';
import type { JobRequest } from '../../jobs/area-job-types';
import { QueueFullError } from '../../jobs/job-admission';
import { OpenEoError, processGraphToJob, REMOTE_HINT, type OpenEoProcess } from '../graph';
import type { OutputFormat } from './job-records';

export interface Translated {
  /** The process as posted (graph and metadata), kept for GET /jobs/{id}. */
  process: OpenEoProcess;
  job: JobRequest;
  format: OutputFormat;
}

/** `runnable`: the job kinds the queue runs. */
export async function translateProcess(process: unknown, runnable: readonly string[]): Promise<Translated> {
  const { job, format } = await processGraphToJob(process);
  if (!runnable.includes(job.type)) {
    throw new OpenEoError('FeatureUnsupported', `The process graph reads as an ASTRA ${job.type} job, which this version of the local back-end cannot run yet; ${REMOTE_HINT}.`);
  }
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
