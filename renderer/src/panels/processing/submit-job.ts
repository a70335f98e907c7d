/** Submits a job and shows it in the list at once (queued), before the next poll of the service. */
import type { JobRequest } from '../../../../electron/service/api/contract';
import type { ApiClient } from '../../api/client';
import { createJob } from '../../api/jobs-api';
import { jobsChanged } from '../../state/jobs-polling';
import { jobUpdated } from '../../state/jobs-store';

export async function submitJob(client: ApiClient, request: JobRequest): Promise<string> {
  const accepted = await createJob(client, request);
  const { type, ...params } = request;
  const now = new Date().toISOString();
  jobUpdated({ id: accepted.id, type, status: accepted.status, progress: 0, created_at: now, started_at: null, finished_at: null, params, links: accepted.links ?? [] });
  jobsChanged();
  return accepted.id;
}
