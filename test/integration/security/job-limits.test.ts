/**
 * Queue limits over real HTTP: a key may have at most ASTRA_MAX_QUEUED_PER_KEY unfinished (queued
 * or running) jobs — beyond, 429 with Retry-After — and the service at most ASTRA_MAX_QUEUED_TOTAL
 * — beyond, 503 with Retry-After; both JSON errors naming the limit. Concurrent submissions never
 * overshoot, offline prefetch counts the same, and a slot frees when a job ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/service/config';
import type { JobList } from '../../../electron/service/jobs/types';
import { startTestService, type TestService } from '../../helpers/test-service';
import { isFinished, waitForJob } from '../jobs/helpers/job-api';
import { heldKind, type HeldKind } from '../jobs/helpers/test-kinds';
import { apiAs, postJson, processKey, type TestKey } from './helpers/keys';

interface ErrorAnswer { error: { code: string; message: string; limit?: string; max?: number } }

async function postMany(svc: TestService, key: TestKey, count: number, body: unknown = { type: 'held' }): Promise<Response[]> {
  return Promise.all(Array.from({ length: count }, () => postJson(svc, key, '/api/v1/jobs', body)));
}

const statuses = (answers: Response[]) => answers.map((r) => r.status);
const count = (answers: Response[], status: number) => answers.filter((r) => r.status === status).length;

async function expectQueueError(response: Response, status: number, code: string, limit: string, max: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
  const { error } = (await response.json()) as ErrorAnswer;
  expect(error).toMatchObject({ code, limit, max });
  expect(error.message).toContain(String(max));
}

describe('the per-key limit (default 20)', () => {
  let svc: TestService;
  let held: HeldKind;
  /** Not admin: it sees only its own jobs. */
  let me: TestKey;
  beforeAll(async () => {
    svc = await startTestService({ workerCount: 1 });
    held = heldKind();
    svc.service.context.jobs.register(held);
    me = processKey(svc, 'me');
  });
  afterAll(async () => { await svc.close(); });

  it('accepts exactly 20 of 35 concurrent submissions from one key; the rest get 429 with Retry-After', async () => {
    const answers = await postMany(svc, me, 35);
    expect(count(answers, 202), String(statuses(answers))).toBe(20);
    expect(count(answers, 429)).toBe(15);
    for (const refused of answers.filter((r) => r.status === 429)) await expectQueueError(refused, 429, 'rate_limited', 'queued_per_key', 20);

    const mine = (await (await apiAs(svc, me, '/api/v1/jobs?limit=500')).json()) as JobList;
    expect(mine.jobs).toHaveLength(20);
    const accepted = await Promise.all(answers.filter((r) => r.status === 202).map(async (r) => ((await r.json()) as { id: string }).id));
    expect(mine.jobs.map((job) => job.id).sort()).toEqual(accepted.sort());
  });

  it('refuses an offline prefetch of a full key too, before looking at the request', async () => {
    const response = await postJson(svc, me, '/api/v1/cache/offline', { scene: 'sentinel-2:S2A_NOWHERE_0_L2A', bands: ['B04'] });
    await expectQueueError(response, 429, 'rate_limited', 'queued_per_key', 20);
  });

  it('counts per key: another key still gets its own 20', async () => {
    const other = processKey(svc, 'other');
    const answers = await postMany(svc, other, 21);
    expect(count(answers, 202)).toBe(20);
    expect(count(answers, 429)).toBe(1);
  });

  it('frees a slot when a job ends: one cancelled → exactly one more accepted', async () => {
    const queued = (await (await apiAs(svc, me, '/api/v1/jobs?status=queued&limit=1')).json()) as JobList;
    const cancelled = await apiAs(svc, me, `/api/v1/jobs/${queued.jobs[0].id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    const answers = await postMany(svc, me, 3);
    expect(statuses(answers).sort()).toEqual([202, 429, 429]);
  });

  it('takes new jobs again once the queued ones have run', async () => {
    held.release();
    const all = (await (await svc.api('/api/v1/jobs?limit=500')).json()) as JobList;
    for (const job of all.jobs) await waitForJob(svc, job.id, isFinished, 30_000);
    const answers = await postMany(svc, me, 2);
    expect(statuses(answers)).toEqual([202, 202]);
  });
});

describe('the total limit', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ workerCount: 1, maxQueuedPerKey: 4, maxQueuedTotal: 10 });
    svc.service.context.jobs.register(heldKind());
  });
  afterAll(async () => { await svc.close(); });

  it('answers 503 with Retry-After once 10 jobs are unfinished in all, whichever key asks', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => processKey(svc, name));
    expect(count(await postMany(svc, a, 6), 202)).toBe(4);
    expect(count(await postMany(svc, b, 6), 202)).toBe(4);
    const third = await postMany(svc, c, 6);
    expect(count(third, 202)).toBe(2);
    expect(count(third, 503)).toBe(4);
    for (const refused of third.filter((r) => r.status === 503)) await expectQueueError(refused, 503, 'service_unavailable', 'queued_total', 10);
    // An admin listing would show 10; each key sees its own.
    const seen = await Promise.all([a, b, c].map(async (key) => ((await (await apiAs(svc, key, '/api/v1/jobs')).json()) as JobList).jobs.length));
    expect(seen).toEqual([4, 4, 2]);
  });
});

describe('configuration', () => {
  it('reads ASTRA_MAX_QUEUED_PER_KEY, ASTRA_MAX_QUEUED_TOTAL and the matching options; options win', () => {
    const fromEnv = loadConfig([], { ASTRA_MAX_QUEUED_PER_KEY: '7', ASTRA_MAX_QUEUED_TOTAL: '70' });
    expect([fromEnv.maxQueuedPerKey, fromEnv.maxQueuedTotal]).toEqual([7, 70]);
    const fromFlags = loadConfig(['--max-queued-per-key', '3', '--max-queued-total=30'], { ASTRA_MAX_QUEUED_PER_KEY: '7' });
    expect([fromFlags.maxQueuedPerKey, fromFlags.maxQueuedTotal]).toEqual([3, 30]);
    const defaults = loadConfig([], {});
    expect([defaults.maxQueuedPerKey, defaults.maxQueuedTotal]).toEqual([20, 200]);
  });

  it('refuses values that are not positive integers', () => {
    for (const value of ['0', '-1', '2.5', 'many']) {
      expect(() => loadConfig([], { ASTRA_MAX_QUEUED_PER_KEY: value })).toThrow(ConfigError);
      expect(() => loadConfig([], { ASTRA_MAX_QUEUED_TOTAL: value })).toThrow(ConfigError);
    }
  });
});
