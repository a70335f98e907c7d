/** Small HTTP helpers for the jobs API tests. */
import { expect } from 'vitest';
import type { Job, JobCreated } from '../../../../electron/service/jobs/types';
import type { TestService } from '../../../helpers/test-service';

export async function submitJob(svc: TestService, body: Record<string, unknown>): Promise<JobCreated> {
  const response = await svc.api('/api/v1/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as JobCreated;
}

export async function getJob(svc: TestService, id: string): Promise<Job> {
  const response = await svc.api(`/api/v1/jobs/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Job;
}

/** Polls GET /jobs/{id} until `ok(job)`; fails with the last job seen after `timeoutMs`. */
export async function waitForJob(svc: TestService, id: string, ok: (job: Job) => boolean, timeoutMs = 10_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(svc, id);
    if (ok(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} never matched; last seen ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const isFinished = (job: Job) => ['succeeded', 'failed', 'cancelled'].includes(job.status);

export async function errorOf(response: Response): Promise<{ code: string; message: string; parameter?: string }> {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return ((await response.json()) as { error: { code: string; message: string; parameter?: string } }).error;
}
