/** Processing and offline jobs: POST/GET/DELETE /api/v1/jobs. Types from the API contract. */
import type { Job, JobCreated, JobList, JobRequest } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

export function createJob(client: ApiClient, body: JobRequest, signal?: AbortSignal): Promise<JobCreated> {
  return client.call('POST /api/v1/jobs', { body, signal });
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
