/**
 * The offload rig: a real ASTRA service whose remote openEO back-end is the fake one
 * (test/helpers/fake-openeo), with a fake upstream serving one real Sentinel-2 item (single-scene
 * jobs read its collection, datetime and footprint). The service's poll wait is the test's: each
 * wait moves the fake's newest job one step (queued → running 0 → 50 → finished) after an
 * optional `rig.beforeStep(step, jobId)` — which may change the world first (expire tokens, fail
 * the job) and return false to leave the job where it is — so a remote run advances by polls, not
 * by a clock.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abortableSleep, type Sleep } from '../../../../electron/service/openeo/remote/sleep';
import { runAll } from '../../../helpers/clean-up';
import { FAKE_OPENEO_USER, startFakeOpenEo, type FakeOpenEo, type FakeOpenEoOptions } from '../../../helpers/fake-openeo';
import { startFakeUpstream, type FakeUpstream } from '../../../helpers/fake-upstream';
import { RASTER_SCENES } from '../../../helpers/fixtures';
import { startTestService, type TestService } from '../../../helpers/test-service';
import type { ServiceConfig } from '../../../../electron/service/config';
import { makeResultTiles, type ResultTiles } from './result-tiles';

export const S2_SCENE = 'sentinel-2:S2A_29RKH_20200219_0_L2A';
/** A small area for composites (the fake's results do not depend on it). */
export const AOI: [number, number, number, number] = [3.0, 51.4, 3.02, 51.41];

export type BeforeStep = (step: number, jobId: string) => boolean | void;

export interface OffloadRig {
  svc: TestService;
  backend: FakeOpenEo;
  upstream: FakeUpstream;
  tiles: ResultTiles;
  /** Runs before each poll wait moves the fake's job; reset to none by `resetSteps()`. */
  beforeStep: BeforeStep | null;
  /** Poll waits so far (the step counter `beforeStep` gets). */
  steps: number;
  resetSteps(): void;
  /** Starts another service on the same data dir and fakes (after `svc.close()`: a restart). */
  restart(): Promise<TestService>;
  close(): Promise<void>;
}

export interface OffloadRigOptions {
  fake?: FakeOpenEoOptions;
  config?: Partial<ServiceConfig>;
}

function sentinel2Item(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(RASTER_SCENES.sentinel2, 'S2A_29RKH_20200219_0_L2A.json'), 'utf8')) as Record<string, unknown>;
}

/**
 * A service's poll wait that moves the fake back-end's newest job one step (queued → running 0 →
 * 50 → finished) after `beforeStep(jobId)`, unless that returns false.
 */
export function stepFakeJobs(backend: FakeOpenEo, beforeStep?: (jobId: string) => boolean | void): Sleep {
  return async (_ms, signal) => {
    await abortableSleep(2, signal);
    const jobs = backend.jobs.all();
    if (jobs.length === 0) return;
    const jobId = jobs[jobs.length - 1].id;
    if (beforeStep?.(jobId) === false) return;
    const status = backend.jobs.get(jobId).status;
    if (status === 'queued' || status === 'running') backend.jobs.advance(jobId);
  };
}

export async function startOffloadRig(options: OffloadRigOptions = {}): Promise<OffloadRig> {
  const tiles = await makeResultTiles();
  const backend = await startFakeOpenEo({ resultAssets: [{ name: 'part-west.tif', file: tiles.west }, { name: 'part-east.tif', file: tiles.east }], ...options.fake });
  const upstream = await startFakeUpstream({ items: { earthSearch: [sentinel2Item()], landsatLook: [], planetaryComputer: [] } });
  // The rig's own data dir: a restarted service finds the jobs (and secrets) of the one before.
  const dataDir = mkdtempSync(join(tmpdir(), 'astra-offload-data-'));
  const rig: OffloadRig = {
    beforeStep: null, steps: 0, tiles, backend, upstream, svc: undefined as unknown as TestService,
    resetSteps() { rig.steps = 0; rig.beforeStep = null; },
    restart: async () => { rig.svc = await start(rig.svc); return rig.svc; },
    close: () => runAll(() => rig.svc?.close(), () => backend.close(), () => upstream.close(), () => rmSync(tiles.dir, { recursive: true, force: true }), () => rmSync(dataDir, { recursive: true, force: true })),
  };
  const sleep = stepFakeJobs(backend, (jobId) => {
    rig.steps += 1;
    return rig.beforeStep?.(rig.steps, jobId);
  });
  const config: Partial<ServiceConfig> = {
    earthSearchUrl: upstream.earthSearchUrl, landsatLookUrl: upstream.landsatLookUrl, planetaryComputerUrl: upstream.planetaryComputerUrl, pcSasUrl: upstream.sasUrl,
    upstreamTimeoutMs: 5000, workerCount: 1, openEoPollIntervalMs: 10, ...options.config,
  };
  const start = (previous?: TestService) => startTestService({ ...config, dataDir }, {}, {
    openEo: { sleep }, ...(previous ? { key: { key: previous.key, id: previous.keyId } } : {}),
  });
  try {
    rig.svc = await start();
  } catch (error) {
    await rig.close();
    throw error;
  }
  return rig;
}

/** JSON request through the service with the rig's admin key (or `key`). */
export function call(svc: TestService, method: string, path: string, body?: unknown, key?: string): Promise<Response> {
  return svc.api(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Configures the fake as back-end `id` and signs in with the basic password (through the REST routes). */
export async function addBasicBackend(rig: Pick<OffloadRig, 'svc' | 'backend'>, id = 'fake', extra: Record<string, unknown> = {}): Promise<void> {
  const put = await call(rig.svc, 'PUT', '/api/v1/settings', { openeo_backends: [{ id, url: rig.backend.url, title: 'Fake openEO', auth: 'basic', username: FAKE_OPENEO_USER[0], ...extra }] });
  if (put.status !== 200) throw new Error(`PUT /settings → ${put.status} ${await put.text()}`);
  const signIn = await call(rig.svc, 'POST', `/api/v1/settings/openeo-backends/${id}/sign-in`, { password: FAKE_OPENEO_USER[1] });
  if (signIn.status !== 200) throw new Error(`sign-in → ${signIn.status} ${await signIn.text()}`);
}

// The jobs API as the processing tests drive it.
export { getJob, isFinished, postJob, submit, waitJob } from '../../processing/helpers/processing-rig';

export const COMPOSITE = { type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2'], index: 'ndvi', reducer: 'median' } as const;
