/**
 * Processing and offline jobs: POST/GET/DELETE /api/v1/jobs, the preview of a job
 * (POST /api/v1/jobs/preview) and a time series' result (result.json, result.csv). Types from the
 * API contract.
 */
import type { Job, JobCreated, JobList, JobPreview, JobRequest, TimeseriesResult } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

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

/** A time series' CSV (the job's `result.csv` when it has one). */
export function resultCsvPath(job: Job): string {
  return typeof job.result?.csv === 'string' ? job.result.csv : `/api/v1/jobs/${encodeURIComponent(job.id)}/result.csv`;
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

/** The result COG's path (the job's `result.href` when it has one). */
export function resultPath(job: Job): string {
  return job.result?.href ?? `/api/v1/jobs/${encodeURIComponent(job.id)}/result.tif`;
}

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}
