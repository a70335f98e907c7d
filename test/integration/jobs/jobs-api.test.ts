/**
 * /api/v1/jobs over real HTTP with a test-only `spin` kind running real worker threads:
 * the lifecycle queued → running → succeeded, listing, and the JSON errors (400/404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobList } from '../../../electron/service/jobs/types';
import { startTestService, type TestService } from '../../helpers/test-service';
import { errorOf, getJob, isFinished, submitJob, waitForJob } from './helpers/job-api';
import { spinKind } from './helpers/test-kinds';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ workerCount: 1 });
  svc.service.context.jobs.register(spinKind(svc.service.rasterPool));
});
afterAll(async () => { await svc?.close(); });

const post = (body: unknown) => svc.api('/api/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('a job from submission to success', () => {
  it('answers 202 {id, status: queued, links} with Location, runs on a worker, and reaches succeeded with progress 1', async () => {
    const response = await post({ type: 'spin', chunks: 20, chunk_ms: 15 });
    expect(response.status).toBe(202);
    const created = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(created).sort()).toEqual(['id', 'links', 'status']);
    expect(created.status).toBe('queued');
    const id = created.id as string;
    expect(id).toMatch(/^job_[0-9a-f]{32}$/);
    expect(response.headers.get('location')).toBe(`/api/v1/jobs/${id}`);
    expect(created.links).toContainEqual({ rel: 'self', href: `/api/v1/jobs/${id}`, type: 'application/json' });

    const running = await waitForJob(svc, id, (job) => job.status === 'running' && job.progress > 0);
    expect(running.progress).toBeLessThan(1);
    expect(running.started_at).not.toBeNull();
    expect(running.finished_at).toBeNull();

    const done = await waitForJob(svc, id, isFinished);
    expect(done).toMatchObject({ id, type: 'spin', status: 'succeeded', progress: 1, params: { chunks: 20, chunk_ms: 15 } });
    expect(done.result).toMatchObject({ chunks: 20, stats: { valid_fraction: 1 } });
    expect(done.error).toBeUndefined();
    expect(Date.parse(done.finished_at!)).toBeGreaterThanOrEqual(Date.parse(done.started_at!));
    expect(Date.parse(done.started_at!)).toBeGreaterThanOrEqual(Date.parse(done.created_at));
  });

  it('stores the params the kind normalised (defaults filled in)', async () => {
    const { id } = await submitJob(svc, { type: 'spin', chunks: 1 });
    expect((await getJob(svc, id)).params).toEqual({ chunks: 1, chunk_ms: 5 });
    await waitForJob(svc, id, isFinished);
  });
});

describe('GET /api/v1/jobs', () => {
  it('lists newest first, filters by status and honours limit', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await submitJob(svc, { type: 'spin', chunks: 1, chunk_ms: 1 })).id);
    await waitForJob(svc, ids[2], isFinished);

    const all = (await (await svc.api('/api/v1/jobs')).json()) as JobList;
    expect(all.jobs.slice(0, 3).map((j) => j.id)).toEqual([...ids].reverse());
    const created = all.jobs.map((j) => Date.parse(j.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const limited = (await (await svc.api('/api/v1/jobs?limit=2')).json()) as JobList;
    expect(limited.jobs.map((j) => j.id)).toEqual([ids[2], ids[1]]);

    const succeeded = (await (await svc.api('/api/v1/jobs?status=succeeded')).json()) as JobList;
    expect(succeeded.jobs.length).toBeGreaterThanOrEqual(3);
    expect(succeeded.jobs.every((j: Job) => j.status === 'succeeded')).toBe(true);
  });

  it('answers 400 naming the parameter for a bad status or limit', async () => {
    for (const [query, parameter] of [['status=done', 'status'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['sort=x', 'sort']]) {
      const response = await svc.api(`/api/v1/jobs?${query}`);
      expect(response.status, query).toBe(400);
      expect((await errorOf(response)).parameter, query).toBe(parameter);
    }
  });
});

describe('errors are JSON with the parameter named', () => {
  it('400 type when type is missing, not a string, or unknown (listing the known types)', async () => {
    const missing = await post({ chunks: 1 });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: 'invalid_parameter', parameter: 'type' });

    const unknown = await post({ type: 'ndvi-typo' });
    expect(unknown.status).toBe(400);
    const error = await errorOf(unknown);
    expect(error).toMatchObject({ code: 'invalid_parameter', parameter: 'type' });
    expect(error.message).toContain('"ndvi-typo"');
    expect(error.message).toContain('spin');

    const notObject = await post([{ type: 'spin' }]);
    expect(notObject.status).toBe(400);
    expect((await errorOf(notObject)).code).toBe('invalid_parameter');

    const badJson = await svc.api('/api/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(badJson.status).toBe(400);
    expect((await errorOf(badJson)).code).toBe('invalid_json');
  });

  it('400 from the kind\'s validation, before anything is stored', async () => {
    const before = ((await (await svc.api('/api/v1/jobs?limit=500')).json()) as JobList).jobs.length;
    const bad = await post({ type: 'spin', chunks: 0 });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid_parameter', parameter: 'chunks' });
    const extra = await post({ type: 'spin', colour: 'red' });
    expect((await errorOf(extra)).parameter).toBe('colour');
    const after = ((await (await svc.api('/api/v1/jobs?limit=500')).json()) as JobList).jobs.length;
    expect(after).toBe(before);
  });

  it('404 for an unknown job id on GET, DELETE and result.tif', async () => {
    for (const [method, path] of [['GET', '/api/v1/jobs/job_nope'], ['DELETE', '/api/v1/jobs/job_nope'], ['GET', '/api/v1/jobs/job_nope/result.tif'], ['GET', '/api/v1/jobs/..%2F..%2Fastra.sqlite']]) {
      const response = await svc.api(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
  });

  it('DELETE on a job that has finished removes it: 204, then 404', async () => {
    const { id } = await submitJob(svc, { type: 'spin', chunks: 1, chunk_ms: 1 });
    await waitForJob(svc, id, isFinished);
    const response = await svc.api(`/api/v1/jobs/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const again = await svc.api(`/api/v1/jobs/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await errorOf(again)).code).toBe('not_found');
  });

  it('401 without a key', async () => {
    const response = await fetch(`${svc.url}/api/v1/jobs`);
    expect(response.status).toBe(401);
  });
});
