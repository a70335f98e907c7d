/**
 * The processing rig: a real service on loopback wired to a fake upstream that serves the
 * processing test scenes (test-scenes.ts) and their COG bytes with Range, plus a temp dir for
 * result files; helpers to submit jobs, wait for them and fetch their result file through the API.
 * `useProcessingRig()` starts it before a test file's tests and removes everything after them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ServiceConfig } from '../../../../electron/service/config';
import type { Job } from '../../../../electron/service/jobs/types';
import { startFakeUpstream, type FakeUpstream } from '../../../helpers/fake-upstream';
import { orUndo, runAll } from '../../../helpers/clean-up';
import { startTestService, type TestService, type TestServiceOptions } from '../../../helpers/test-service';
import { makeCogs, type MadeCogs } from './made-cogs';
import { testItems } from './test-scenes';

export interface ProcessingEnv {
  fake: FakeUpstream;
  svc: TestService;
  cogs: MadeCogs;
  cogDir: string;
  /** Config that points a service at the fake upstream (what every service of the rig gets). */
  upstreamConfig: Partial<ServiceConfig>;
  /**
   * Starts (another) service on the same fake upstream, e.g. on the same data dir after a restart
   * (`options.key`: the earlier service's key, to follow its jobs).
   */
  startService(overrides?: Partial<ServiceConfig>, options?: TestServiceOptions): Promise<TestService>;
  close(): Promise<void>;
}

export async function startProcessingEnv(overrides: Partial<ServiceConfig> = {}): Promise<ProcessingEnv> {
  const { dir, cogs } = await makeCogs();
  const removeCogs = () => rmSync(dir, { recursive: true, force: true });
  const fake = await orUndo(() => startFakeUpstream({ items: { earthSearch: [], landsatLook: [], planetaryComputer: [] } }), removeCogs);
  const items = testItems(cogs, (path, file) => fake.serveFile(path, file), fake.url);
  fake.items.earthSearch.push(...items.earthSearch);
  fake.items.landsatLook.push(...items.landsatLook);
  fake.items.planetaryComputer.push(...items.planetaryComputer);
  const upstreamConfig: Partial<ServiceConfig> = {
    earthSearchUrl: fake.earthSearchUrl,
    landsatLookUrl: fake.landsatLookUrl,
    planetaryComputerUrl: fake.planetaryComputerUrl,
    pcSasUrl: fake.sasUrl,
    upstreamTimeoutMs: 5000,
    workerCount: 2,
    ...overrides,
  };
  const services: TestService[] = [];
  const startService = async (more: Partial<ServiceConfig> = {}, options: TestServiceOptions = {}) => {
    const svc = await startTestService({ ...upstreamConfig, ...more }, {}, options);
    services.push(svc);
    return svc;
  };
  // A test may have closed a service itself (restarts): closing it again must not fail the clean-up.
  const close = () => runAll(...services.map((s) => () => s.close().catch(() => undefined)), () => fake.close(), removeCogs);
  const svc = await orUndo(() => startService(), close);
  return { fake, svc, cogs, cogDir: dir, upstreamConfig, startService, close };
}

/** A test file's rig: `env` (started before its tests) and `work`, a temp dir for result files. */
export interface ProcessingRig {
  readonly env: ProcessingEnv;
  readonly work: string;
}

/** Starts the rig before the file's tests (with `overrides` for its services) and removes it after them. */
export function useProcessingRig(overrides: Partial<ServiceConfig> = {}): ProcessingRig {
  let env: ProcessingEnv | undefined;
  let work: string | undefined;
  beforeAll(async () => {
    env = await startProcessingEnv(overrides);
    work = mkdtempSync(join(tmpdir(), 'astra-processing-'));
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  return {
    get env() {
      if (!env) throw new Error('the processing rig is not started (use it inside tests)');
      return env;
    },
    get work() {
      if (!work) throw new Error('the processing rig is not started (use it inside tests)');
      return work;
    },
  };
}

export async function postJob(svc: TestService, body: Record<string, unknown>): Promise<Response> {
  return svc.api('/api/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Submits a job that must be accepted (202); returns its id. */
export async function submit(svc: TestService, body: Record<string, unknown>): Promise<string> {
  const response = await postJob(svc, body);
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST /jobs ${JSON.stringify(body)} → ${response.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

export async function getJob(svc: TestService, id: string): Promise<Job> {
  return (await (await svc.api(`/api/v1/jobs/${id}`)).json()) as Job;
}

export const isFinished = (job: Job): boolean => ['succeeded', 'failed', 'cancelled'].includes(job.status);

/** Polls until the job is finished (or `until` holds); throws with the last state on timeout. */
export async function waitJob(svc: TestService, id: string, until: (job: Job) => boolean = isFinished, timeoutMs = 60_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(svc, id);
    if (until(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} timed out: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs a job to success and downloads result.tif (through the API) into `dir`. */
export async function runToFile(svc: TestService, body: Record<string, unknown>, dir: string, name: string): Promise<{ job: Job; path: string }> {
  const id = await submit(svc, body);
  const job = await waitJob(svc, id);
  if (job.status !== 'succeeded') throw new Error(`job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
  const response = await svc.api(job.result!.href!);
  if (response.status !== 200) throw new Error(`GET ${job.result!.href} → ${response.status}`);
  const path = join(dir, `${name}.tif`);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return { job, path };
}
