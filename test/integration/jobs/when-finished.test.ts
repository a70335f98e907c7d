/**
 * What the openEO back-end needs of the job queue, on a real SQLite file: waiting for a job to
 * finish (succeeded, cancelled while queued, already finished, unknown, the queue shutting down,
 * the waiter giving up), an `admit` check that refuses a job before it is stored, and `check`,
 * which validates a body without storing anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/service/api/errors';
import { openDatabase } from '../../../electron/service/db/open-database';
import type { JobKind } from '../../../electron/service/jobs/job-kind';
import { JobQueue } from '../../../electron/service/jobs/queue';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => { for (const step of cleanup.splice(0).reverse()) await step(); });

/** A kind whose jobs run until the test releases them; `size` is its storage estimate. */
function gatedKind() {
  const gates = new Map<string, () => void>();
  const kind: JobKind = {
    type: 'gated',
    resumable: false,
    async validate(body) {
      if (body.size === 'bad') throw new AppError('invalid_parameter', 'size: bad', { parameter: 'size' });
      return { size: Number(body.size ?? 0) };
    },
    estimateStorage: (params) => Number(params.size),
    run: (_params, ctx) => new Promise((resolve, reject) => {
      gates.set(ctx.jobId, () => resolve({ done: true }));
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    }),
  };
  const release = async (id: string) => {
    while (!gates.has(id)) await new Promise((resolve) => setImmediate(resolve));
    gates.get(id)!();
  };
  return { kind, release };
}

function queue(): { jobs: JobQueue; release: (id: string) => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'astra-finish-'));
  const db = openDatabase(join(dir, 'astra.sqlite'));
  const jobs = new JobQueue({ db, dataDir: dir, concurrency: 1 });
  const { kind, release } = gatedKind();
  jobs.register(kind);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => { db.close(); }, () => jobs.close(100));
  return { jobs, release };
}

describe('JobQueue.whenFinished', () => {
  it('resolves when the job succeeds, when a queued one is cancelled, and at once for a finished one', async () => {
    const { jobs, release } = queue();
    const first = await jobs.submit('gated', {});
    const second = await jobs.submit('gated', {});
    const waiting = jobs.whenFinished(first.id);
    const cancelled = jobs.whenFinished(second.id);
    await jobs.cancel(second.id);
    expect(await cancelled).toMatchObject({ id: second.id, status: 'cancelled' });
    await release(first.id);
    expect(await waiting).toMatchObject({ id: first.id, status: 'succeeded', result: { done: true } });
    expect(await jobs.whenFinished(first.id)).toMatchObject({ status: 'succeeded' });
  });

  it('rejects for an unknown job, when the waiter gives up, and when the queue shuts down', async () => {
    const { jobs } = queue();
    await expect(jobs.whenFinished('job_unknown')).rejects.toMatchObject({ code: 'not_found' });
    const job = await jobs.submit('gated', {});
    const controller = new AbortController();
    const givenUp = jobs.whenFinished(job.id, controller.signal);
    controller.abort(new Error('client went away'));
    await expect(givenUp).rejects.toThrow('client went away');
    const shutdown = jobs.whenFinished(job.id);
    await jobs.close(100);
    await expect(shutdown).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});

describe('admission hooks', () => {
  it('lets a caller refuse a validated job by its storage estimate before it is stored', async () => {
    const { jobs } = queue();
    const admit = (bytes: number) => {
      if (bytes > 1000) throw new AppError('unprocessable', `too large: ${bytes}`);
    };
    await expect(jobs.submit('gated', { size: 5000 }, null, { admit })).rejects.toThrow('too large: 5000');
    expect(jobs.list()).toEqual([]);
    const small = await jobs.submit('gated', { size: 10 }, null, { admit });
    expect(jobs.list().map((job) => job.id)).toEqual([small.id]);
  });

  it('checks a body with its kind without storing it', async () => {
    const { jobs } = queue();
    await expect(jobs.check('gated', { size: 'bad' })).rejects.toMatchObject({ code: 'invalid_parameter', parameter: 'size' });
    await expect(jobs.check('nope', {})).rejects.toMatchObject({ parameter: 'type' });
    await jobs.check('gated', { size: 1 });
    expect(jobs.list()).toEqual([]);
  });
});
