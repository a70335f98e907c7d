/** Where a job's result files are (pure: no client, so labels and tests can use it). */
import type { Job } from '../../../electron/service/api/contract';

/** The result COG's path (the job's `result.href` when it has one). */
export function resultPath(job: Pick<Job, 'id' | 'result'>): string {
  return job.result?.href ?? `/api/v1/jobs/${encodeURIComponent(job.id)}/result.tif`;
}

/** A time series' CSV (the job's `result.csv` when it has one). */
export function resultCsvPath(job: Pick<Job, 'id' | 'result'>): string {
  return typeof job.result?.csv === 'string' ? job.result.csv : `/api/v1/jobs/${encodeURIComponent(job.id)}/result.csv`;
}
