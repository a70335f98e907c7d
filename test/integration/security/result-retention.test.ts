/**
 * Results have a lifecycle: DELETE /api/v1/jobs/{id} removes a finished job and its files (204)
 * and still cancels a queued or running one; GET /api/v1/cache reports the results' count and
 * bytes (what is on disk); the retention settings (`results_max_age_days`, `results_max_bytes`
 * of GET|PUT /api/v1/settings, validated, stored) remove the oldest results — when set, after
 * every job and at start-up, which also removes work dirs no job owns.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CacheReport, ServiceSettings } from '../../../electron/service/cache/types';
import { openDatabase } from '../../../electron/service/db/open-database';
import type { Job } from '../../../electron/service/jobs/types';
import { startTestService, type TestService } from '../../helpers/test-service';
import { errorOf, isFinished, submitJob, waitForJob } from '../jobs/helpers/job-api';
import { heldKind, spinKind, type HeldKind } from '../jobs/helpers/test-kinds';

const RESULT = Buffer.alloc(700 * 1024, 7);
const MIB = 1024 * 1024;

let dataDir: string;
let svc: TestService;
let held: HeldKind;

async function start(): Promise<TestService> {
  const reuse = svc ? { key: { key: svc.key, id: svc.keyId } } : {};
  const started = await startTestService({ dataDir, workerCount: 1 }, {}, reuse);
  held = heldKind();
  started.service.context.jobs.register(held);
  started.service.context.jobs.register(spinKind(started.service.rasterPool, 'spin', { resultFile: RESULT }));
  return started;
}

async function finishedJob(): Promise<Job> {
  const { id } = await submitJob(svc, { type: 'spin', chunks: 1, chunk_ms: 1 });
  const job = await waitForJob(svc, id, isFinished);
  expect(job.status).toBe('succeeded');
  return job;
}

const workDir = (id: string) => join(dataDir, 'jobs', id);
const results = async () => ((await (await svc.api('/api/v1/cache')).json()) as CacheReport).results;
const exists = async (id: string) => (await svc.api(`/api/v1/jobs/${id}`)).status === 200;
const putSettings = (body: unknown) => svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'astra-retention-'));
  svc = await start();
});
afterAll(async () => {
  await svc?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DELETE /api/v1/jobs/{id} and the results report', () => {
  it('reports finished results by count and bytes, as they are on disk', async () => {
    const before = await results();
    const jobs = [await finishedJob(), await finishedJob()];
    for (const job of jobs) expect(readdirSync(workDir(job.id))).toEqual(['result.tif']);
    const after = await results();
    expect(after.count - before.count).toBe(2);
    expect(after.bytes - before.bytes).toBe(2 * RESULT.length);
  });

  it('removes a finished job with its files: 204, then 404 everywhere, and the report shrinks', async () => {
    const job = await finishedJob();
    const before = await results();
    const response = await svc.api(`/api/v1/jobs/${job.id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(existsSync(workDir(job.id))).toBe(false);
    for (const path of [`/api/v1/jobs/${job.id}`, `/api/v1/jobs/${job.id}/result.tif`]) expect((await svc.api(path)).status).toBe(404);
    const list = (await (await svc.api('/api/v1/jobs?limit=500')).json()) as { jobs: Job[] };
    expect(list.jobs.map((j) => j.id)).not.toContain(job.id);
    expect(await results()).toEqual({ count: before.count - 1, bytes: before.bytes - RESULT.length });
  });

  it('still cancels a running or queued job (200 or 202 with the job), as before', async () => {
    const running = await submitJob(svc, { type: 'held' });
    const queued = await submitJob(svc, { type: 'held' });
    await waitForJob(svc, running.id, (job) => job.status === 'running');
    const cancelQueued = await svc.api(`/api/v1/jobs/${queued.id}`, { method: 'DELETE' });
    expect(cancelQueued.status).toBe(200);
    expect(((await cancelQueued.json()) as Job).status).toBe('cancelled');
    const cancelRunning = await svc.api(`/api/v1/jobs/${running.id}`, { method: 'DELETE' });
    expect([200, 202]).toContain(cancelRunning.status);
    expect(((await cancelRunning.json()) as Job).id).toBe(running.id);
    expect((await waitForJob(svc, running.id, isFinished)).status).toBe('cancelled');
    // …and a second DELETE removes the cancelled job.
    expect((await svc.api(`/api/v1/jobs/${running.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await exists(running.id)).toBe(false);
  });
});

describe('retention settings', () => {
  it('are null (keep everything) by default', async () => {
    expect(await (await svc.api('/api/v1/settings')).json()).toEqual({ offline: false, results_max_age_days: null, results_max_bytes: null, openeo_backends: [] });
  });

  it('refuse bad values with 400 naming the field, and change nothing', async () => {
    const bad: Array<[unknown, string]> = [
      [{ results_max_age_days: 0 }, 'results_max_age_days'],
      [{ results_max_age_days: 1.5 }, 'results_max_age_days'],
      [{ results_max_age_days: '7' }, 'results_max_age_days'],
      [{ results_max_age_days: 40_000 }, 'results_max_age_days'],
      [{ results_max_bytes: false }, 'results_max_bytes'],
      [{ results_max_bytes: 1024 }, 'results_max_bytes'],
      [{ results_max_bytes: -1 }, 'results_max_bytes'],
      [{ results_max_bytes: 1e300 }, 'results_max_bytes'],
      [{ results_max_count: 3 }, 'results_max_count'],
      [{}, 'body'],
    ];
    for (const [body, parameter] of bad) {
      const response = await putSettings(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).parameter, JSON.stringify(body)).toBe(parameter);
    }
    expect(await (await svc.api('/api/v1/settings')).json()).toMatchObject({ results_max_age_days: null, results_max_bytes: null });
  });

  it('by size: removes the oldest results until the rest fit, at once when set', async () => {
    await finishedJob();
    const before = await results();
    const keep = Math.floor(1.5 * MIB); // two 700 KiB results fit, three do not
    const response = await putSettings({ results_max_bytes: keep });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ServiceSettings).results_max_bytes).toBe(keep);
    const after = await results();
    expect(after.count).toBe(2);
    expect(after.bytes).toBeLessThanOrEqual(keep);
    expect(before.count).toBeGreaterThan(2);
  });

  it('by size: applies again after every job finishes, taking the oldest first', async () => {
    const listSucceeded = async () => ((await (await svc.api('/api/v1/jobs?status=succeeded')).json()) as { jobs: Job[] }).jobs.map((j) => j.id);
    const [newer, older] = await listSucceeded();
    const fresh = await finishedJob();
    await vi.waitUntil(async () => !(await exists(older)), { timeout: 10_000, interval: 20 });
    expect(existsSync(workDir(older))).toBe(false);
    expect(await exists(newer)).toBe(true);
    expect(await exists(fresh.id)).toBe(true);
    expect(await results()).toEqual({ count: 2, bytes: 2 * RESULT.length });
  });

  it('by age: removes finished jobs that finished longer ago, and keeps the rest', async () => {
    const old = await finishedJob();
    const recent = await finishedJob();
    svc.service.context.db.prepare('UPDATE jobs SET finished_at = ? WHERE id = ?').run(new Date(Date.now() - 10 * 86_400_000).toISOString(), old.id);
    const response = await putSettings({ results_max_age_days: 7, results_max_bytes: null });
    expect(await response.json()).toEqual({ offline: false, results_max_age_days: 7, results_max_bytes: null, openeo_backends: [] });
    expect(await exists(old.id)).toBe(false);
    expect(existsSync(workDir(old.id))).toBe(false);
    expect(await exists(recent.id)).toBe(true);
  });
});

describe('at start-up', () => {
  it('keeps the settings, applies them, measures results stored without a size, and removes orphaned work dirs', async () => {
    const survivor = await finishedJob();
    const aged = await finishedJob();
    await svc.close();

    // While stopped: one job aged past the limit, one result of an older version (size unknown),
    // a work dir no job owns, and a folder that is not a job's.
    const db = openDatabase(join(dataDir, 'astra.sqlite'));
    db.prepare('UPDATE jobs SET finished_at = ? WHERE id = ?').run(new Date(Date.now() - 30 * 86_400_000).toISOString(), aged.id);
    db.prepare('UPDATE jobs SET result_bytes = NULL WHERE id = ?').run(survivor.id);
    db.close();
    const orphan = workDir(`job_${'ab'.repeat(16)}`);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, 'result.tif'), RESULT);
    const notAJob = join(dataDir, 'jobs', 'notes');
    mkdirSync(notAJob);

    svc = await start();
    expect(await (await svc.api('/api/v1/settings')).json()).toMatchObject({ results_max_age_days: 7, results_max_bytes: null });
    expect(await exists(aged.id)).toBe(false);
    expect(existsSync(workDir(aged.id))).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    expect(statSync(notAJob).isDirectory()).toBe(true);
    const measured = svc.service.context.db.prepare('SELECT result_bytes FROM jobs WHERE id = ?').get(survivor.id) as { result_bytes: number };
    expect(measured.result_bytes).toBe(RESULT.length);
    const onDisk = readdirSync(join(dataDir, 'jobs')).filter((name) => name.startsWith('job_'));
    expect((await results()).count).toBe(onDisk.length);
  });
});
