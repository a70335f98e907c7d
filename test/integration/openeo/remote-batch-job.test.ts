/**
 * A remote run against the fake back-end from submission to downloaded files: progress and log
 * lines while the (test-driven) job advances, results split over two GDAL-made GeoTIFF assets
 * downloaded byte for byte, the back-end's estimate, a job that fails with log lines, a cancelled
 * local job cancelled remotely, an expired signed link, and a size mismatch.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cancelRemoteJob, createRemoteJob, estimateRemoteJob, followRemoteJob, startRemoteJob } from '../../../electron/service/openeo/remote/batch-job';
import { BackendCatalog } from '../../../electron/service/openeo/remote/backend-catalog';
import { prepareProcess } from '../../../electron/service/openeo/remote/prepare-process';
import { RemoteOpenEoError } from '../../../electron/service/openeo/remote/remote-errors';
import { downloadRemoteResults } from '../../../electron/service/openeo/remote/result-download';
import { RemoteSession } from '../../../electron/service/openeo/remote/remote-session';
import { runRemoteJob } from '../../../electron/service/openeo/remote/run-remote-job';
import type { RemoteJobUpdate } from '../../../electron/service/openeo/remote/types';
import { startFakeOpenEo, type FakeOpenEo } from '../../helpers/fake-openeo';
import { gdalinfo } from '../../helpers/gdal';
import { makeResultTiles, type ResultTiles } from './helpers/result-tiles';
import { basicSetup, ndviComposite, steppingSleep, type RemoteSetup } from './helpers/remote-setup';

let tiles: ResultTiles;
let backend: FakeOpenEo;
let setup: RemoteSetup;

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  tiles = await makeResultTiles();
  backend = await startFakeOpenEo({ resultAssets: [{ name: 'part-west.tif', file: tiles.west }, { name: 'part-east.tif', file: tiles.east }] });
  setup = await basicSetup(backend);
});
afterAll(async () => {
  await backend.close();
  rmSync(tiles.dir, { recursive: true, force: true });
  rmSync(setup.dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(backend.contractViolations).toEqual([]);
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error);
}

describe('a remote run from submission to downloaded files', () => {
  it('submits the mapped graph, follows status, progress and logs, and downloads both result assets unchanged', async () => {
    const updates: RemoteJobUpdate[] = [];
    const progress: number[] = [];
    const submitted: string[] = [];
    const target = join(setup.dir, 'run-1');
    const result = await runRemoteJob({
      backend: setup.backend, secrets: setup.secrets, process: ndviComposite(), targetDir: target, title: 'NDVI composite',
      sleep: steppingSleep(backend), pollIntervalMs: 1,
      onSubmitted: (job) => submitted.push(job.jobId), onUpdate: (update) => updates.push(update), onProgress: (fraction) => progress.push(fraction),
    });

    expect(submitted).toEqual([result.job_id]);
    expect(backend.jobs.get(result.job_id)).toMatchObject({ status: 'finished', title: 'NDVI composite' });
    expect(updates.map((update) => [update.status, update.progress])).toEqual([['queued', null], ['running', 0], ['running', 50], ['finished', 100]]);
    expect(updates.flatMap((update) => update.logs.map((line) => line.message))).toEqual([
      'Batch job queued.', 'Processing started.', 'Processing: 50 % done.', 'Batch job finished: 2 result files.',
    ]);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    expect(result.files.map((file) => [file.key, file.bytes])).toEqual([
      ['part-west.tif', readFileSync(tiles.west).length], ['part-east.tif', readFileSync(tiles.east).length],
    ]);
    expect(readdirSync(target).sort()).toEqual(['part-east.tif', 'part-west.tif']);
    expect(sha256(join(target, 'part-west.tif'))).toBe(sha256(tiles.west));
    expect(sha256(join(target, 'part-east.tif'))).toBe(sha256(tiles.east));
    const [west, east] = await Promise.all([gdalinfo(join(target, 'part-west.tif')), gdalinfo(join(target, 'part-east.tif'))]);
    expect(east.geoTransform[0]).toBe(west.geoTransform[0] + west.size[0] * west.geoTransform[1]);

    expect(result.backend).toEqual({ id: 'fake', url: backend.url, api_url: backend.apiUrl, title: 'Fake openEO' });
    expect(result.mapping.collections).toEqual([{ astra: 'sentinel-2.sentinel-2-l2a', remote: 'SENTINEL2_L2A' }]);
    const assets = result.stac.assets as Record<string, { href: string; 'file:size': number }>;
    expect(Object.keys(assets)).toEqual(['part-west.tif', 'part-east.tif']);
    expect(assets['part-west.tif'].href).toBe(`${backend.url}/download/${result.job_id}/part-west.tif`);
    expect(JSON.stringify(result)).not.toContain('sig=');
    const downloads = backend.requests.filter((request) => request.path.startsWith(`/download/${result.job_id}/`));
    expect(downloads.map((request) => request.headers.authorization)).toEqual([undefined, undefined]);
  });

  it('shows the back-end\'s estimate of a created job, and null from a back-end that offers none', async () => {
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    const prepared = await prepareProcess(ndviComposite(), new BackendCatalog(session), setup.backend);
    const jobId = await createRemoteJob(session, prepared.process);
    expect(await estimateRemoteJob(session, jobId)).toEqual({ costs: 12.5, duration: 'PT2H30M', size: 1_200_000_000, downloads_included: 5, expires: null });
    expect(backend.jobs.get(jobId).status).toBe('created');

    const plain = await startFakeOpenEo({ estimate: null });
    const plainSetup = await basicSetup(plain);
    try {
      const other = await RemoteSession.open(plainSetup.backend, { secrets: plainSetup.secrets });
      const otherJob = await createRemoteJob(other, (await prepareProcess(ndviComposite(), new BackendCatalog(other), plainSetup.backend)).process);
      expect(await estimateRemoteJob(other, otherJob)).toBeNull();
      expect(plain.requests.some((request) => request.path.endsWith('/estimate'))).toBe(false);
      expect(plain.contractViolations).toEqual([]);
    } finally {
      await plain.close();
      rmSync(plainSetup.dir, { recursive: true, force: true });
    }
  });
});

describe('failures and cancellation', () => {
  it('a remote job that fails: its error and log lines are surfaced, nothing is downloaded', async () => {
    const target = join(setup.dir, 'run-failed');
    const sleep = steppingSleep(backend, (step, jobId) => {
      if (step !== 2) return;
      backend.jobs.fail(jobId, {
        message: 'Executor memory exceeded while reducing dimension t.', code: 'Internal',
        logs: [{ level: 'warning', message: 'Executor lost on worker 3; retrying.' }, { level: 'info', message: 'Retrying stage 4.' }],
      });
      return false;
    });
    const error = await rejection(runRemoteJob({ backend: setup.backend, secrets: setup.secrets, process: ndviComposite(), targetDir: target, sleep }));
    expect(error).toBeInstanceOf(RemoteOpenEoError);
    const failure = error as RemoteOpenEoError;
    expect(failure).toMatchObject({ reason: 'remote_job_failed', code: 'upstream_error', remoteCode: 'Internal' });
    expect(failure.message).toContain('Executor memory exceeded while reducing dimension t.');
    expect(failure.message).toContain('[warning] Executor lost on worker 3; retrying.');
    expect(failure.logs.map((line) => [line.level, line.message])).toEqual(expect.arrayContaining([
      ['warning', 'Executor lost on worker 3; retrying.'], ['info', 'Retrying stage 4.'], ['error', 'Executor memory exceeded while reducing dimension t.'],
    ]));
    expect(failure.toBody().error.remote_logs).toEqual(expect.arrayContaining([{ level: 'error', message: 'Executor memory exceeded while reducing dimension t.' }]));
    expect(existsSync(target)).toBe(false);
  });

  it('cancelling the local job cancels the remote one', async () => {
    const controller = new AbortController();
    let jobId = '';
    const error = await rejection(runRemoteJob({
      backend: setup.backend, secrets: setup.secrets, process: ndviComposite(), targetDir: join(setup.dir, 'run-cancelled'),
      sleep: steppingSleep(backend), signal: controller.signal,
      onSubmitted: (job) => { jobId = job.jobId; },
      onUpdate: (update) => { if (update.status === 'running') controller.abort(new DOMException('job cancelled', 'AbortError')); },
    }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(backend.jobs.get(jobId).status).toBe('canceled');
    expect(backend.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/jobs/${jobId}/results`))).toHaveLength(1);
  });

  it('a job cancelled at the back-end ends the run with a clear error', async () => {
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    const jobId = await createRemoteJob(session, (await prepareProcess(ndviComposite(), new BackendCatalog(session), setup.backend)).process);
    await startRemoteJob(session, jobId);
    await cancelRemoteJob(session, jobId);
    const error = await rejection(followRemoteJob(session, jobId, { sleep: steppingSleep(backend) }));
    expect(error).toMatchObject({ reason: 'remote_job_failed', message: expect.stringContaining(`the remote job ${jobId} was cancelled on fake`) });
  });

  it('following goes on through a back-end that is briefly unreachable, and gives up when it stays away', async () => {
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    const process = (await prepareProcess(ndviComposite(), new BackendCatalog(session), setup.backend)).process;
    const jobId = await createRemoteJob(session, process);
    await startRemoteJob(session, jobId);
    const statuses: string[] = [];
    let step = 0;
    const logs = await followRemoteJob(session, jobId, {
      onUpdate: (update) => statuses.push(update.status),
      sleep: async () => {
        step += 1;
        if (step === 1) await backend.setReachable(false);
        if (step === 2) await backend.setReachable(true);
        const status = backend.jobs.get(jobId).status;
        if (status === 'queued' || status === 'running') backend.jobs.advance(jobId);
      },
    });
    // Every poll either saw the job or missed the back-end; at least one missed.
    expect(statuses[0]).toBe('queued');
    expect(statuses[statuses.length - 1]).toBe('finished');
    expect(step - (statuses.length - 1)).toBeGreaterThanOrEqual(1);
    expect(logs[logs.length - 1].message).toBe('Batch job finished: 2 result files.');

    const stuck = await createRemoteJob(session, process);
    await startRemoteJob(session, stuck);
    await backend.setReachable(false);
    try {
      const error = await rejection(followRemoteJob(session, stuck, { unreachablePolls: 3, sleep: async () => undefined }));
      expect(error).toMatchObject({ reason: 'unreachable' });
    } finally {
      await backend.setReachable(true);
    }
    expect(backend.jobs.get(stuck).status).toBe('queued'); // left running remotely: it can be followed again
  });

  it('a download that stalls fails instead of hanging', async () => {
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    const jobId = await createRemoteJob(session, (await prepareProcess(ndviComposite(), new BackendCatalog(session), setup.backend)).process);
    await startRemoteJob(session, jobId);
    backend.jobs.finish(jobId);
    const stalling: typeof fetch = async () => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array(16)) }), { status: 200 });
    const error = await rejection(downloadRemoteResults(session, jobId, join(setup.dir, 'stalled'), { fetch: stalling, idleTimeoutMs: 20 }));
    expect(error).toMatchObject({ reason: 'download_failed', message: expect.stringContaining('part-west.tif') });
    expect((error as Error).message).toContain('no data for 20 ms');
    expect(readdirSync(join(setup.dir, 'stalled'))).toEqual([]);
  });

  it('an expired signed link is replaced by listing the results again; a size that does not match is refused', async () => {
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    const process = (await prepareProcess(ndviComposite(), new BackendCatalog(session), setup.backend)).process;
    const jobId = await createRemoteJob(session, process);
    await startRemoteJob(session, jobId);
    backend.jobs.finish(jobId);
    const target = join(setup.dir, 'expired');
    let expired = false;
    const downloaded = await downloadRemoteResults(session, jobId, target, {
      onProgress: (progress) => {
        if (progress.assetsDone === 1 && !expired) {
          backend.jobs.expireResultLinks(jobId);
          expired = true;
        }
      },
    });
    expect(expired).toBe(true);
    expect(downloaded.files.map((file) => sha256(file.path))).toEqual([sha256(tiles.west), sha256(tiles.east)]);
    const statuses = backend.requests.filter((request) => request.path === `/openeo/1.2/jobs/${jobId}/results` && request.method === 'GET');
    expect(statuses).toHaveLength(2);

    const lying = await createRemoteJob(session, process);
    await startRemoteJob(session, lying);
    backend.jobs.finish(lying, [{ name: 'short.tif', file: tiles.west, extra: { 'file:size': 12 } }]);
    const error = await rejection(downloadRemoteResults(session, lying, join(setup.dir, 'lying')));
    expect(error).toMatchObject({ reason: 'download_failed', message: expect.stringContaining('file:size says 12 bytes') });
    expect(readdirSync(join(setup.dir, 'lying'))).toEqual([]);
  });
});
