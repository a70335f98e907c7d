/**
 * Failing jobs: an AppError keeps its code and message, any other error becomes a generic
 * `internal` error (no stack, no detail), a worker-thread error is rebuilt, and none of them stops
 * the jobs beside or after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';
import { isFinished, submitJob, waitForJob } from './helpers/job-api';
import { failingKind, spinKind } from './helpers/test-kinds';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ workerCount: 2 });
  const { jobs } = svc.service.context;
  const pool = svc.service.rasterPool;
  jobs.register(spinKind(pool));
  jobs.register(failingKind(pool, 'fails-app-error', 'app-error'));
  jobs.register(failingKind(pool, 'fails-bug', 'bug'));
  jobs.register(failingKind(pool, 'fails-in-worker', 'worker'));
});
afterAll(async () => { await svc?.close(); });

describe('failing jobs', () => {
  it('an AppError from the kind → failed with its code and message', async () => {
    const { id } = await submitJob(svc, { type: 'fails-app-error' });
    const job = await waitForJob(svc, id, isFinished);
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({ code: 'unprocessable', message: 'scene: has no red band' });
    expect(job.result).toBeUndefined();
    expect(job.finished_at).not.toBeNull();
  });

  it('any other error → failed with code internal and a generic message that reveals nothing', async () => {
    for (const type of ['fails-bug', 'fails-in-worker']) {
      const { id } = await submitJob(svc, { type });
      const job = await waitForJob(svc, id, isFinished);
      expect(job.status, type).toBe('failed');
      expect(job.error?.code, type).toBe('internal');
      const text = JSON.stringify(job);
      for (const leak of ['secret', 'TypeError', 'RangeError', 'spin failed', 'at ', '.ts:', '.js:']) expect(text, type).not.toContain(leak);
    }
  });

  it('a failing job does not stop the job running beside it nor the next one', async () => {
    const beside = await submitJob(svc, { type: 'spin', chunks: 15, chunk_ms: 10 });
    const failing = await submitJob(svc, { type: 'fails-bug' });
    await waitForJob(svc, failing.id, isFinished);
    const after = await submitJob(svc, { type: 'spin', chunks: 2, chunk_ms: 1 });
    expect((await waitForJob(svc, failing.id, isFinished)).status).toBe('failed');
    expect((await waitForJob(svc, beside.id, isFinished)).status).toBe('succeeded');
    expect((await waitForJob(svc, after.id, isFinished)).status).toBe('succeeded');
  });

  it('with two workers, two jobs run at the same time', async () => {
    const a = await submitJob(svc, { type: 'spin', chunks: 30, chunk_ms: 10 });
    const b = await submitJob(svc, { type: 'spin', chunks: 30, chunk_ms: 10 });
    // Seen running in the same observation, not merely one after the other.
    await waitForJob(svc, a.id, (job) => job.status === 'running');
    await expect.poll(async () => {
      const jobs = svc.service.context.jobs.list({ status: 'running' });
      return jobs.map((job) => job.id).sort();
    }, { timeout: 2000, interval: 5 }).toEqual([a.id, b.id].sort());
    const [doneA, doneB] = await Promise.all([waitForJob(svc, a.id, isFinished), waitForJob(svc, b.id, isFinished)]);
    expect([doneA.status, doneB.status]).toEqual(['succeeded', 'succeeded']);
  });
});
