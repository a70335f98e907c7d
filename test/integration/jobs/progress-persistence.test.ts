/**
 * Progress is live on every call (GET shows the last value reported) but written to SQLite at
 * most ~4 times a second, counted by a TEMP trigger on the service's own connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobKind } from '../../../electron/service/jobs/job-kind';
import { startTestService, type TestService } from '../../helpers/test-service';
import { sleep } from './helpers/heartbeat';
import { isFinished, waitForJob } from './helpers/job-api';

let svc: TestService;
const seen: Array<{ reported: number; live: number }> = [];

/** Reports progress 5000 times over ~0.6 s, checking what the queue shows after each batch. */
const chattyKind: JobKind = {
  type: 'chatty',
  resumable: false,
  validate: async () => ({}),
  async run(_params, ctx) {
    for (let batch = 1; batch <= 50; batch += 1) {
      for (let i = 1; i <= 100; i += 1) ctx.progress(((batch - 1) * 100 + i) / 5000);
      seen.push({ reported: batch / 50, live: svc.service.context.jobs.get(ctx.jobId).progress });
      await sleep(12);
    }
    return {};
  },
};

beforeAll(async () => {
  svc = await startTestService({ workerCount: 1 });
  svc.service.context.jobs.register(chattyKind);
});
afterAll(async () => { await svc?.close(); });

describe('progress', () => {
  it('is live per call but persisted at most ~4 times a second', async () => {
    const { db, jobs } = svc.service.context;
    // Counts every UPDATE that sets jobs.progress, on the service's own connection.
    db.exec(`CREATE TEMP TABLE progress_writes (job TEXT, value REAL);
      CREATE TEMP TRIGGER count_progress_writes AFTER UPDATE OF progress ON main.jobs
      BEGIN INSERT INTO progress_writes VALUES (new.id, new.progress); END;`);
    const startedAt = performance.now();
    const { id } = await jobs.submit('chatty', {}, svc.keyId);
    // Poll in memory: GET over HTTP would work too, but this keeps the loop cheap.
    while (!['succeeded', 'failed'].includes(jobs.get(id).status)) await sleep(20);
    const seconds = (performance.now() - startedAt) / 1000;
    const writes = db.prepare('SELECT value FROM temp.progress_writes WHERE job = ?').all(id) as Array<{ value: number }>;

    expect(seen.every(({ reported, live }) => Math.abs(reported - live) < 1e-9)).toBe(true);
    // The throttled progress writes, then the one that records success (progress = 1).
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes.length - 1).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 1);
    expect(writes.map((w) => w.value)).toEqual([...writes.map((w) => w.value)].sort((x, y) => x - y));
    expect(writes.at(-1)!.value).toBe(1);
    expect((await waitForJob(svc, id, isFinished)).progress).toBe(1);
  });
});
