/**
 * Offloaded jobs that cannot run, or fail: bad or unknown `on` (400), a back-end nobody signed in
 * to (409), a process the back-end lacks or a composite no graph can express (422, nothing created
 * remotely), a remote job that fails with log lines (in the job's error and `remote`), a token
 * that expires mid-job (one new sign-in, then the job goes on), a cancelled job (cancelled
 * remotely too), an unreachable back-end (at submission and while following), and a restart while
 * a remote job runs (the same remote job is followed again, nothing is submitted twice).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../electron/service/api/types';
import { addBasicBackend, call, COMPOSITE, getJob, postJob, S2_SCENE, startOffloadRig, submit, waitJob, type OffloadRig } from './helpers/offload-rig';

let rig: OffloadRig;

beforeAll(async () => {
  rig = await startOffloadRig();
  await addBasicBackend(rig);
}, 60_000);
afterAll(async () => { await rig?.close(); });
afterEach(async () => {
  expect(rig.backend.contractViolations).toEqual([]);
  rig.resetSteps();
  rig.backend.missingProcesses.clear();
  await rig.backend.setReachable(true);
});

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

describe('refused before anything is created remotely', () => {
  it('an unknown or malformed "on" → 400 naming on; an offline prefetch cannot run remotely', async () => {
    const unknown = await postJob(rig.svc, { ...COMPOSITE, on: 'elsewhere' });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ code: 'invalid_parameter', parameter: 'on', message: expect.stringContaining('configured: fake') });
    for (const on of [42, 'Fake!', '']) {
      const malformed = await postJob(rig.svc, { ...COMPOSITE, on });
      expect(malformed.status, String(on)).toBe(400);
      expect((await errorOf(malformed)).parameter).toBe('on');
    }
    const offline = await call(rig.svc, 'POST', '/api/v1/cache/offline', { scene: S2_SCENE, bands: ['B04'], on: 'fake' });
    expect(offline.status).toBe(400);
    expect(await errorOf(offline)).toMatchObject({ parameter: 'on', message: expect.stringContaining('offline jobs run locally only') });
    // "local" is the default: the body goes to the local kind as if `on` were absent.
    const local = await postJob(rig.svc, { type: 'ndvi', scene: 'sentinel-2:S2A_NOPE_20200219_0_L2A', on: 'local' });
    expect(local.status).toBe(404);
    expect(rig.backend.jobs.all()).toHaveLength(0);
  });

  it('a back-end nobody signed in to → 409 "sign in to <id>"', async () => {
    const put = await call(rig.svc, 'PUT', '/api/v1/settings', { openeo_backends: [
      { id: 'fake', url: rig.backend.url, title: 'Fake openEO', auth: 'basic', username: 'analyst' },
      { id: 'cdse', url: rig.backend.url, auth: 'oidc' },
    ] });
    expect(put.status).toBe(200);
    const response = await postJob(rig.svc, { ...COMPOSITE, on: 'cdse' });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'conflict', parameter: 'on', message: 'on: sign in to cdse first (Settings → Remote back-ends)' });
  });

  it('a process the back-end lacks → 422 naming it; nothing is created there', async () => {
    rig.backend.missingProcesses.add('ndvi');
    const before = rig.backend.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/jobs')).length;
    const response = await postJob(rig.svc, { ...COMPOSITE, on: 'fake' });
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code: 'unprocessable', parameter: 'on', reason: 'unsupported_processes', missing: ['ndvi'], message: expect.stringContaining('does not offer the process ndvi') });
    expect(rig.backend.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/jobs')).length).toBe(before);
    expect(rig.backend.jobs.all()).toHaveLength(0);
  });

  it('a greenest-pixel composite has no process graph → 422 naming reducer; bad fields → 400 naming them', async () => {
    const greenest = await postJob(rig.svc, { ...COMPOSITE, reducer: 'max_ndvi', on: 'fake' });
    expect(greenest.status).toBe(422);
    expect((await errorOf(greenest)).parameter).toBe('reducer');
    for (const [body, parameter] of [[{ ...COMPOSITE, aoi: [1, 2, 3] }, 'aoi'], [{ ...COMPOSITE, datetime: '2024-06-01' }, 'datetime'], [{ ...COMPOSITE, colour: 'red' }, 'colour']] as const) {
      const response = await postJob(rig.svc, { ...body, on: 'fake' });
      expect(response.status, parameter).toBe(400);
      expect((await errorOf(response)).parameter).toBe(parameter);
    }
    expect(rig.backend.jobs.all()).toHaveLength(0);
  });

  it('an unreachable back-end → 502 saying so, at submission', async () => {
    await rig.backend.setReachable(false);
    const response = await postJob(rig.svc, { ...COMPOSITE, on: 'fake' });
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_error', reason: 'unreachable', backend: 'fake', message: expect.stringMatching(/^the openEO back-end fake \(.+\) is unreachable \(ECONNREFUSED\)/) });
  });
});

describe('failures while running', () => {
  it('a remote job that fails: the job fails with the remote error and its log lines', async () => {
    rig.beforeStep = (step, jobId) => {
      if (step !== 2) return;
      rig.backend.jobs.fail(jobId, {
        message: 'Executor memory exceeded while reducing dimension t.', code: 'Internal',
        logs: [{ level: 'warning', message: 'Executor lost on worker 3; retrying.' }],
      });
      return false;
    };
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'upstream_error', reason: 'remote_job_failed', backend: 'fake', remote_code: 'Internal', remote_job_id: job.remote!.job_id });
    expect(job.error!.message).toContain('Executor memory exceeded while reducing dimension t.');
    expect(job.error!.message).toContain('[warning] Executor lost on worker 3; retrying.');
    expect(job.error!.remote_logs).toEqual(expect.arrayContaining([{ level: 'error', message: 'Executor memory exceeded while reducing dimension t.' }]));
    expect(job.remote).toMatchObject({ status: 'error' });
    expect(job.remote!.logs.map((line) => line.message)).toEqual(expect.arrayContaining(['Executor lost on worker 3; retrying.', 'Executor memory exceeded while reducing dimension t.']));
    expect((await rig.svc.api(`/api/v1/jobs/${id}/result.tif`)).status).toBe(404);
  });

  it('a token that expires mid-job: one new sign-in, and the job goes on to its result', async () => {
    const signIns = () => rig.backend.requests.filter((request) => request.path.endsWith('/credentials/basic')).length;
    let before = 0;
    rig.beforeStep = (step) => {
      if (step === 2) {
        before = signIns();
        rig.backend.tokens.expireAll();
      }
    };
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(signIns()).toBe(before + 1);
  });

  it('cancelling the job cancels the remote one', async () => {
    let started = false;
    rig.beforeStep = (step) => {
      if (step >= 2) started = true;
      return step < 2;
    };
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'fake' });
    const running = await waitJob(rig.svc, id, (job) => started && job.remote?.status === 'running');
    const remoteId = running.remote!.job_id!;
    const cancelled = await call(rig.svc, 'DELETE', `/api/v1/jobs/${id}`);
    expect([200, 202]).toContain(cancelled.status);
    const job = await waitJob(rig.svc, id);
    expect(job.status).toBe('cancelled');
    expect(rig.backend.jobs.get(remoteId).status).toBe('canceled');
    expect(rig.backend.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/jobs/${remoteId}/results`))).toHaveLength(1);
    expect(job.remote).toMatchObject({ job_id: remoteId, status: 'canceled' });
  });

  it('a back-end that stops answering while the job runs: the job fails saying it is unreachable', async () => {
    rig.beforeStep = (step) => {
      if (step === 2) void rig.backend.setReachable(false);
      return step < 2;
    };
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'upstream_error', reason: 'unreachable', backend: 'fake' });
    expect(job.error!.message).toMatch(/unreachable/);
  });
});

describe('a restart while a remote job runs', () => {
  it('follows the same remote job again (from its checkpoint) and brings its result in', async () => {
    let hold = true;
    rig.beforeStep = () => !hold;
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'fake' });
    const queued = await waitJob(rig.svc, id, (job) => job.remote?.status === 'queued');
    const remoteId = queued.remote!.job_id!;
    const remoteJobs = rig.backend.jobs.all().length;
    const submissions = () => rig.backend.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/jobs')).length;
    const submitted = submissions();
    const deletes = () => rig.backend.requests.filter((request) => request.method === 'DELETE').length;
    const deleted = deletes();
    await rig.svc.close();
    // Shutting down does not cancel the remote job: it goes on at the back-end.
    expect(rig.backend.jobs.get(remoteId).status).toBe('queued');
    rig.backend.jobs.advance(remoteId);
    hold = false;
    const svc = await rig.restart();
    const job = await waitJob(svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.remote).toMatchObject({ job_id: remoteId, status: 'finished' });
    expect(rig.backend.jobs.all()).toHaveLength(remoteJobs);
    expect(submissions()).toBe(submitted);
    expect(deletes()).toBe(deleted);
    expect((await getJob(svc, id)).result!.href).toBe(`/api/v1/jobs/${id}/result.tif`);
    expect((await svc.api(`/api/v1/jobs/${id}/result.tif`)).status).toBe(200);
  });
});
