/**
 * Jobs survive a restart of the service on the same data dir: a resumable job interrupted while
 * running resumes from its checkpoint and succeeds; a non-resumable one is failed with
 * "interrupted by a restart"; queued jobs simply run. Both a shutdown mid-job and a crash
 * (rows left `running` in the database by a process that died) are covered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/service/db/open-database';
import { KeyStore } from '../../../electron/service/keys/key-store';
import { startTestService, type TestService } from '../../helpers/test-service';
import { getJob, isFinished, submitJob, waitForJob } from './helpers/job-api';
import { resumableSpinKind, spinKind } from './helpers/test-kinds';

const dirs: string[] = [];
const services: TestService[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-jobs-restart-'));
  dirs.push(dir);
  return dir;
}
/** `key`: the key of an earlier start on `dir`, whose jobs the test follows. */
async function start(dir: string, key?: { key: string; id: string }): Promise<TestService> {
  const svc = await startTestService({ dataDir: dir, workerCount: 1 }, {}, { key });
  services.push(svc);
  return svc;
}
afterEach(async () => {
  for (const svc of services.splice(0)) await svc.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function row(svc: TestService, id: string) {
  return svc.service.context.db.prepare('SELECT status, attempts, checkpoint FROM jobs WHERE id = ?').get(id) as { status: string; attempts: number; checkpoint: string | null };
}

describe('restart of the service mid-job', () => {
  it('resumes a resumable job from its checkpoint and runs it to success', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const firstStarts: number[] = [];
    first.service.context.jobs.register(resumableSpinKind(first.service.rasterPool, 'tiles', firstStarts));
    const { id } = await submitJob(first, { type: 'tiles', chunks: 16, chunk_ms: 10 });
    await waitForJob(first, id, (job) => job.progress >= 4 / 16);
    await first.close();

    const second = await start(dir, { key: first.key, id: first.keyId });
    const stored = row(second, id);
    expect(stored.status).toBe('running'); // the stop left it as interrupted, not failed
    const checkpoint = JSON.parse(stored.checkpoint!) as { done: number };
    expect(checkpoint.done).toBeGreaterThanOrEqual(4);
    expect(checkpoint.done).toBeLessThan(16);

    const secondStarts: number[] = [];
    second.service.context.jobs.register(resumableSpinKind(second.service.rasterPool, 'tiles', secondStarts));
    const job = await waitForJob(second, id, isFinished);
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(firstStarts).toEqual([0]);
    expect(secondStarts).toEqual([checkpoint.done]);
    expect(job.result).toMatchObject({ chunks: 16, resumed_from: checkpoint.done });
    expect(row(second, id).attempts).toBe(2);
  });

  it('fails a non-resumable job with "interrupted by a restart" and still runs the queued one behind it', async () => {
    const dir = dataDir();
    const first = await start(dir);
    first.service.context.jobs.register(spinKind(first.service.rasterPool));
    const running = await submitJob(first, { type: 'spin', chunks: 10_000, chunk_ms: 5 });
    const queued = await submitJob(first, { type: 'spin', chunks: 2, chunk_ms: 1 });
    await waitForJob(first, running.id, (job) => job.status === 'running' && job.progress > 0);
    await first.close();

    const second = await start(dir, { key: first.key, id: first.keyId });
    // Until its kind registers, an interrupted job is reported as it was left, not lost.
    expect((await getJob(second, running.id)).status).toBe('running');
    expect((await getJob(second, queued.id)).status).toBe('queued');
    second.service.context.jobs.register(spinKind(second.service.rasterPool));

    const failed = await waitForJob(second, running.id, isFinished);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('internal');
    expect(failed.error?.message).toMatch(/interrupted by a restart/);
    expect((await waitForJob(second, queued.id, isFinished)).status).toBe('succeeded');
  });
});

describe('crash: rows left running by a process that died', () => {
  /** Rows owned by a key made here; returns that key. */
  function seed(dir: string, rows: Array<{ id: string; type: string; checkpoint: unknown; attempts: number }>): { key: string; id: string } {
    const db = openDatabase(join(dir, 'astra.sqlite'));
    const key = new KeyStore(db).create('crashed process');
    const insert = db.prepare(`INSERT INTO jobs (id, type, status, progress, params, checkpoint, attempts, created_at, started_at, owner_key_id)
      VALUES (?, ?, 'running', 0.5, '{"chunks":10,"chunk_ms":1}', ?, ?, ?, ?, ?)`);
    const now = new Date().toISOString();
    for (const r of rows) insert.run(r.id, r.type, JSON.stringify(r.checkpoint), r.attempts, now, now, key.id);
    db.close();
    return { key: key.key, id: key.id };
  }

  it('resumes from the stored checkpoint, and gives up on a job interrupted too often', async () => {
    const dir = dataDir();
    const key = seed(dir, [
      { id: 'job_crashed_once', type: 'tiles', checkpoint: { done: 7 }, attempts: 1 },
      { id: 'job_crashed_thrice', type: 'tiles', checkpoint: { done: 2 }, attempts: 3 },
    ]);
    const svc = await start(dir, key);
    const starts: number[] = [];
    svc.service.context.jobs.register(resumableSpinKind(svc.service.rasterPool, 'tiles', starts));

    const resumed = await waitForJob(svc, 'job_crashed_once', isFinished);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.result).toMatchObject({ resumed_from: 7 });
    expect(starts).toEqual([7]);

    const givenUp = await getJob(svc, 'job_crashed_thrice');
    expect(givenUp.status).toBe('failed');
    expect(givenUp.error?.message).toMatch(/interrupted by a restart 3 times/);
  });

  it('a crashed job can be cancelled before its kind is registered', async () => {
    const dir = dataDir();
    const key = seed(dir, [{ id: 'job_orphan', type: 'not-registered', checkpoint: null, attempts: 1 }]);
    const svc = await start(dir, key);
    const response = await svc.api('/api/v1/jobs/job_orphan', { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('cancelled');
  });
});
