/**
 * A real service on loopback wired to a fake upstream that serves the processing test scenes
 * (test-scenes.ts) and their COG bytes with Range; helpers to submit jobs, wait for them and
 * fetch their result file through the API.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const services: TestService[] = [];
  const startService = async (more: Partial<ServiceConfig> = {}, options: TestServiceOptions = {}) => {
    const svc = await startTestService({
      earthSearchUrl: fake.earthSearchUrl,
      landsatLookUrl: fake.landsatLookUrl,
      planetaryComputerUrl: fake.planetaryComputerUrl,
      pcSasUrl: fake.sasUrl,
      upstreamTimeoutMs: 5000,
      workerCount: 2,
      ...overrides,
      ...more,
    }, {}, options);
    services.push(svc);
    return svc;
  };
  // A test may have closed a service itself (restarts): closing it again must not fail the clean-up.
  const close = () => runAll(...services.map((s) => () => s.close().catch(() => undefined)), () => fake.close(), removeCogs);
  const svc = await orUndo(() => startService(), close);
  return { fake, svc, cogs, cogDir: dir, startService, close };
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

/** Polls until the job is finished (or `until` holds); throws with the last state on timeout. */
export async function waitJob(svc: TestService, id: string, until: (job: Job) => boolean = (job) => ['succeeded', 'failed', 'cancelled'].includes(job.status), timeoutMs = 60_000): Promise<Job> {
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
