/**
 * Cancelling over HTTP (queued → cancelled at once; running → the worker thread is terminated
 * within 1 s and the job ends cancelled) and the concurrency limit (workerCount 1: one job at a time).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobKind } from '../../../electron/service/jobs/job-kind';
import type { Job } from '../../../electron/service/jobs/types';
import { startTestService, type TestService } from '../../helpers/test-service';
import { sleep, watchHeartbeat } from './helpers/heartbeat';
import { getJob, isFinished, submitJob, waitForJob } from './helpers/job-api';
import { spinKind } from './helpers/test-kinds';
import { PROMPTLY_MS } from '../../helpers/timing';

let svc: TestService;
const heartbeat = watchHeartbeat();
beforeAll(async () => {
  svc = await startTestService({ workerCount: 1 });
  svc.service.context.jobs.register(spinKind(svc.service.rasterPool, 'spin'));
  svc.service.context.jobs.register(spinKind(svc.service.rasterPool, 'watched-spin', { heartbeat }));
  svc.service.context.jobs.register(stubbornKind);
});

/** Ignores its signal and works on in the main thread for 1.3 s. */
const stubbornKind: JobKind = {
  type: 'stubborn',
  resumable: false,
  validate: async () => ({}),
  async run() {
    await sleep(1300);
    return { finished: true };
  },
};
afterAll(async () => { await svc?.close(); });

const cancel = (id: string) => svc.api(`/api/v1/jobs/${id}`, { method: 'DELETE' });

describe('cancel', () => {
  it('stops a running job: DELETE answers the cancelled job, then the worker thread stops and is gone', async () => {
    const { id } = await submitJob(svc, { type: 'watched-spin', chunks: 100_000, chunk_ms: 5 });
    await waitForJob(svc, id, (job) => job.status === 'running');
    await heartbeat.until((chunks) => chunks >= 5);
    const threadId = heartbeat.threadId();
    expect(svc.service.rasterPool.threadIds).toContain(threadId);
    const workDir = svc.service.context.jobs.workDir(id);
    expect(existsSync(workDir)).toBe(true);

    const cancelledAt = performance.now();
    const response = await cancel(id);
    const answeredAt = performance.now();
    expect(response.status).toBe(200);
    const job = (await response.json()) as Job;
    expect(job).toMatchObject({ id, status: 'cancelled' });
    expect(job.error).toBeUndefined();
    // The job would spin for 500 s: answering at all shows it was not waited for; the bound only catches a hang.
    expect(answeredAt - cancelledAt).toBeLessThan(PROMPTLY_MS);

    // The thread itself stopped (its heartbeat froze) and was removed from the pool.
    const lastBeat = await heartbeat.stillSince(250);
    expect(lastBeat - cancelledAt).toBeLessThan(PROMPTLY_MS);
    expect(svc.service.rasterPool.threadIds).not.toContain(threadId);
    expect(existsSync(workDir)).toBe(false);
    expect((await getJob(svc, id)).status).toBe('cancelled');
  });

  it('answers 202 while a kind that ignores its signal is still running; the job still ends cancelled', async () => {
    const { id } = await submitJob(svc, { type: 'stubborn' });
    await waitForJob(svc, id, (job) => job.status === 'running');
    const response = await cancel(id);
    expect(response.status).toBe(202);
    expect(((await response.json()) as Job).status).toBe('running');
    const job = await waitForJob(svc, id, isFinished);
    expect(job.status).toBe('cancelled');
    expect(job.result).toBeUndefined();
  });

  it('cancels a queued job at once, and the queue goes on with the next one', async () => {
    const first = await submitJob(svc, { type: 'spin', chunks: 30, chunk_ms: 10 });
    const second = await submitJob(svc, { type: 'spin', chunks: 1, chunk_ms: 1 });
    const third = await submitJob(svc, { type: 'spin', chunks: 1, chunk_ms: 1 });
    await waitForJob(svc, first.id, (job) => job.status === 'running');

    const response = await cancel(second.id);
    expect(response.status).toBe(200);
    const cancelled = (await response.json()) as Job;
    expect(cancelled).toMatchObject({ status: 'cancelled', started_at: null });
    expect(cancelled.finished_at).not.toBeNull();

    expect((await waitForJob(svc, first.id, isFinished)).status).toBe('succeeded');
    expect((await waitForJob(svc, third.id, isFinished)).status).toBe('succeeded');
    expect((await getJob(svc, second.id)).status).toBe('cancelled');
    // DELETE on a job that has finished removes it (result-retention.test.ts has the details).
    expect((await cancel(second.id)).status).toBe(204);
    expect((await svc.api(`/api/v1/jobs/${second.id}`)).status).toBe(404);
  });
});

describe('concurrency = workerCount', () => {
  it('with one worker, the second job stays queued until the first has finished', async () => {
    expect(svc.service.context.jobs.concurrency).toBe(1);
    const first = await submitJob(svc, { type: 'spin', chunks: 60, chunk_ms: 10 });
    const second = await submitJob(svc, { type: 'spin', chunks: 2, chunk_ms: 5 });
    await waitForJob(svc, first.id, (job) => job.status === 'running');

    let sawSecondQueuedWhileFirstRan = 0;
    for (;;) {
      const [a, b] = await Promise.all([getJob(svc, first.id), getJob(svc, second.id)]);
      if (isFinished(a)) break;
      expect(b.status).toBe('queued');
      sawSecondQueuedWhileFirstRan += 1;
      await sleep(15);
    }
    expect(sawSecondQueuedWhileFirstRan).toBeGreaterThan(1);
    const a = await getJob(svc, first.id);
    const b = await waitForJob(svc, second.id, isFinished);
    expect(b.status).toBe('succeeded');
    expect(Date.parse(b.started_at!)).toBeGreaterThanOrEqual(Date.parse(a.finished_at!));
  });
});
