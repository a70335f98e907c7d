/**
 * Processing and offline jobs: POST/GET/DELETE /api/v1/jobs, the preview of a job
 * (POST /api/v1/jobs/preview) and a time series' result (result.json, result.csv). Types from the
 * API contract.
 */
import type { Job, JobCreated, JobList, JobPreview, JobRequest, TimeseriesResult } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

export { resultCsvPath, resultPath } from './job-paths';

export function createJob(client: ApiClient, body: JobRequest, signal?: AbortSignal): Promise<JobCreated> {
  return client.call('POST /api/v1/jobs', { body, signal });
}

/** What the job would use (scenes, grid, estimate), validated like a submission; nothing is queued. */
export function previewJob(client: ApiClient, body: JobRequest, signal?: AbortSignal): Promise<JobPreview> {
  return client.call('POST /api/v1/jobs/preview', { body, signal });
}

export function getTimeseriesResult(client: ApiClient, id: string, signal?: AbortSignal): Promise<TimeseriesResult> {
  return client.call('GET /api/v1/jobs/{id}/result.json', { params: { id }, signal });
}

export function getJob(client: ApiClient, id: string, signal?: AbortSignal): Promise<Job> {
  return client.call('GET /api/v1/jobs/{id}', { params: { id }, signal });
}

export function listJobs(client: ApiClient, signal?: AbortSignal): Promise<JobList> {
  return client.call('GET /api/v1/jobs', { signal });
}

/** Cancels a queued or running job (the job is answered), or removes a finished one (nothing is). */
export function cancelJob(client: ApiClient, id: string): Promise<Job | undefined> {
  return client.call('DELETE /api/v1/jobs/{id}', { params: { id } });
}

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}
