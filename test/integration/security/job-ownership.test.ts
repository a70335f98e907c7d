/**
 * Job ownership over real HTTP: a job belongs to the key that submitted it (processing jobs and
 * offline prefetch alike). Another key cannot list, read, download, describe, cancel or delete it,
 * and is answered exactly as for an id that never existed (no leak of its existence); an admin
 * key sees and acts on every job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobList } from '../../../electron/service/jobs/types';
import { isFinished, waitForJob } from '../jobs/helpers/job-api';
import { heldKind, spinKind, type HeldKind } from '../jobs/helpers/test-kinds';
import { startProcessingEnv, type ProcessingEnv } from '../processing/helpers/processing-rig';
import { S2_SCENE } from '../processing/helpers/test-scenes';
import { adminKey, apiAs, postJson, processKey, type TestKey } from './helpers/keys';

let env: ProcessingEnv;
let held: HeldKind;
let alice: TestKey;
let bob: TestKey;
let admin: TestKey;
/** Alice's jobs: a succeeded NDVI, a held (running or queued) job, an offline prefetch. */
const mine = { ndvi: '', held: '', prefetch: '' };
let bobsJob = '';

const NEVER = `job_${'0'.repeat(32)}`;

async function created(response: Response): Promise<string> {
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

async function asJob(key: TestKey, id: string): Promise<Job> {
  const response = await apiAs(env.svc, key, `/api/v1/jobs/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Job;
}

/** Polls as `key` until the job has finished. */
async function finishedAs(key: TestKey, id: string): Promise<Job> {
  for (;;) {
    const job = await asJob(key, id);
    if (isFinished(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listed(key: TestKey): Promise<string[]> {
  return ((await (await apiAs(env.svc, key, '/api/v1/jobs?limit=500')).json()) as JobList).jobs.map((job) => job.id);
}

beforeAll(async () => {
  env = await startProcessingEnv({ workerCount: 2 });
  held = heldKind();
  env.svc.service.context.jobs.register(held);
  env.svc.service.context.jobs.register(spinKind(env.svc.service.rasterPool, 'spin', { resultFile: Buffer.from('result bytes') }));
  alice = processKey(env.svc, 'alice');
  bob = processKey(env.svc, 'bob');
  admin = adminKey(env.svc);

  mine.ndvi = await created(await postJson(env.svc, alice, '/api/v1/jobs', { type: 'ndvi', scene: S2_SCENE }));
  const ndvi = await waitForJob(env.svc, mine.ndvi, isFinished, 60_000);
  expect(ndvi.status, JSON.stringify(ndvi.error)).toBe('succeeded');
  mine.prefetch = await created(await postJson(env.svc, alice, '/api/v1/cache/offline', { scene: S2_SCENE, bands: ['B04'] }));
  mine.held = await created(await postJson(env.svc, alice, '/api/v1/jobs', { type: 'held' }));
  bobsJob = await created(await postJson(env.svc, bob, '/api/v1/jobs', { type: 'spin', chunks: 1, chunk_ms: 1 }));
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('each key sees its own jobs', () => {
  it('lists only the jobs the key submitted, prefetch jobs included', async () => {
    expect((await listed(alice)).sort()).toEqual([mine.ndvi, mine.held, mine.prefetch].sort());
    expect(await listed(bob)).toEqual([bobsJob]);
    expect((await asJob(alice, mine.prefetch)).type).toBe('offline');
  });

  it("answers another key's job exactly as an id that never existed, on every job route", async () => {
    const routes: Array<[string, (id: string) => string]> = [
      ['GET', (id) => `/api/v1/jobs/${id}`],
      ['GET', (id) => `/api/v1/jobs/${id}/result.tif`],
      ['GET', (id) => `/api/v1/jobs/${id}/item`],
      ['DELETE', (id) => `/api/v1/jobs/${id}`],
    ];
    for (const id of [mine.ndvi, mine.held, mine.prefetch]) {
      for (const [method, path] of routes) {
        const theirs = await apiAs(env.svc, bob, path(id), { method });
        const nothing = await apiAs(env.svc, bob, path(NEVER), { method });
        expect(theirs.status, `${method} ${path(id)}`).toBe(404);
        expect(nothing.status).toBe(404);
        const [a, b] = [(await theirs.json()) as { error: unknown }, (await nothing.json()) as { error: unknown }];
        expect(JSON.stringify(a).replaceAll(id, 'ID')).toBe(JSON.stringify(b).replaceAll(NEVER, 'ID'));
      }
    }
  });

  it("leaves the other key's jobs as they were after those attempts", async () => {
    expect((await asJob(alice, mine.ndvi)).status).toBe('succeeded');
    expect(['queued', 'running']).toContain((await asJob(alice, mine.held)).status);
    const download = await apiAs(env.svc, alice, `/api/v1/jobs/${mine.ndvi}/result.tif`);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const item = await apiAs(env.svc, alice, `/api/v1/jobs/${mine.ndvi}/item`);
    expect(item.status).toBe(200);
    expect(((await item.json()) as { id: string }).id).toBe(mine.ndvi);
  });
});

describe('an admin key sees and acts on every job', () => {
  it('lists the jobs of all keys', async () => {
    const all = await listed(admin);
    for (const id of [mine.ndvi, mine.held, mine.prefetch, bobsJob]) expect(all).toContain(id);
  });

  it("reads and downloads another key's result, and cancels another key's job", async () => {
    expect((await asJob(admin, mine.ndvi)).status).toBe('succeeded');
    const download = await apiAs(env.svc, admin, `/api/v1/jobs/${mine.ndvi}/result.tif`);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const cancel = await apiAs(env.svc, admin, `/api/v1/jobs/${mine.held}`, { method: 'DELETE' });
    expect([200, 202]).toContain(cancel.status);
    expect((await waitForJob(env.svc, mine.held, isFinished)).status).toBe('cancelled');
  });

  it('deletes a finished job of another key (which then is gone for its owner too)', async () => {
    expect((await finishedAs(bob, bobsJob)).status).toBe('succeeded');
    expect((await apiAs(env.svc, admin, `/api/v1/jobs/${bobsJob}`, { method: 'DELETE' })).status).toBe(204);
    expect((await apiAs(env.svc, bob, `/api/v1/jobs/${bobsJob}`)).status).toBe(404);
    held.release();
  });
});
