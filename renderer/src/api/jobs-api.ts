/** Processing and offline jobs: POST/GET/DELETE /api/v1/jobs. */
import type { Job, JobList } from '../../../electron/service/jobs/types';
import type { ApiClient } from './client';

export type IndexName = 'ndvi' | 'ndwi' | 'nbr' | 'evi' | 'savi';

/** The POST /api/v1/jobs bodies of api.md. */
export type JobRequest =
  | { type: 'ndvi'; scene: string; bbox?: number[]; mask_clouds?: boolean }
  | { type: 'index'; scene: string; index: IndexName }
  | { type: 'index'; scene: string; expression: string }
  | { type: 'change'; before: string; after: string; index?: IndexName; threshold?: number; bbox?: number[] };

export type AcceptedJob = Pick<Job, 'id' | 'status' | 'links'>;

export function createJob(client: ApiClient, body: JobRequest, signal?: AbortSignal): Promise<AcceptedJob> {
  return client.request<AcceptedJob>('POST', '/api/v1/jobs', body, signal);
}

export function getJob(client: ApiClient, id: string, signal?: AbortSignal): Promise<Job> {
  return client.request<Job>('GET', `/api/v1/jobs/${encodeURIComponent(id)}`, undefined, signal);
}

export function listJobs(client: ApiClient, signal?: AbortSignal): Promise<JobList> {
  return client.request<JobList>('GET', '/api/v1/jobs', undefined, signal);
}

export function cancelJob(client: ApiClient, id: string): Promise<void> {
  return client.request<void>('DELETE', `/api/v1/jobs/${encodeURIComponent(id)}`);
}

/** The result COG's path (the job's `result.href` when it has one). */
export function resultPath(job: Job): string {
  return job.result?.href ?? `/api/v1/jobs/${encodeURIComponent(job.id)}/result.tif`;
}

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}
