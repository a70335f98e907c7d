/**
 * One rig for the area-analysis tests: the kit made by GDAL, a fake upstream serving only the
 * kit's items (Earth Search, LandsatLook; Planetary Computer empty) and their COG bytes with Range,
 * and a real service on loopback wired to it; the reference and the comparer bound to the kit.
 *
 *   const rig = await startAreaRig();
 *   const { job, path } = await rig.runToFile({ type: 'composite', aoi: rig.kit.manifest.aois.bbox, … }, 'median');
 *   const ref = await rig.reference(body, 'median');
 *   const report = await rig.compare(path, ref);
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceConfig } from '../../../electron/service/config';
import type { Job } from '../../../electron/service/jobs/types';
import { getJob, postJob, runToFile, submit, waitJob } from '../../integration/processing/helpers/processing-rig';
import { orUndo, runAll } from '../clean-up';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../fake-upstream';
import { startTestService, type TestService, type TestServiceOptions } from '../test-service';
import { kitItems } from './kit-items';
import { makeAreaKit, type AreaKit, type KitVariant } from './kit';
import { compareWithReference, referenceFor, type AreaComparison, type AreaReference, type TimeseriesEntry } from './reference';

export { getJob, postJob, submit, waitJob };

export interface AreaRigOptions {
  variant?: KitVariant;
  /** Config of the first service (and the default of later ones). */
  service?: Partial<ServiceConfig>;
}

export interface TimeseriesRun {
  job: Job;
  json: { entries: TimeseriesEntry[]; [key: string]: unknown };
  csv: string;
}

export interface AreaRig {
  kit: AreaKit;
  fake: FakeUpstream;
  svc: TestService;
  /** A temp dir for results and references, removed on close. */
  work: string;
  /** Another service on the same fake upstream (e.g. a fresh cache, or the same data dir after a restart). */
  startService(overrides?: Partial<ServiceConfig>, options?: TestServiceOptions): Promise<TestService>;
  /** Runs a raster area job to success and downloads result.tif into `work`. */
  runToFile(body: Record<string, unknown>, name: string, svc?: TestService): Promise<{ job: Job; path: string }>;
  /** Runs a time-series job to success and fetches result.json and result.csv. */
  runTimeseries(body: Record<string, unknown>, svc?: TestService): Promise<TimeseriesRun>;
  reference(body: Record<string, unknown>, name: string): Promise<AreaReference>;
  compare(resultTif: string, reference: AreaReference, threshold?: number): Promise<AreaComparison>;
  /** Requests the fake's file server received (COG bytes), optionally only those for one URL path. */
  fileRequests(urlPath?: string): RecordedRequest[];
  close(): Promise<void>;
}

async function fetchText(svc: TestService, href: string): Promise<string> {
  const response = await svc.api(href);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${href} → ${response.status} ${text}`);
  return text;
}

export async function startAreaRig(options: AreaRigOptions = {}): Promise<AreaRig> {
  const kit = await makeAreaKit(options.variant ?? 'main');
  const work = mkdtempSync(join(tmpdir(), 'astra-area-'));
  const removeFiles = () => runAll(() => rmSync(kit.dir, { recursive: true, force: true }), () => rmSync(work, { recursive: true, force: true }));
  const fake = await orUndo(() => startFakeUpstream({ items: { earthSearch: [], landsatLook: [], planetaryComputer: [] } }), removeFiles);
  const items = kitItems(kit.manifest, (path, file) => fake.serveFile(path, file), fake.url);
  fake.items.earthSearch.push(...items.earthSearch);
  fake.items.landsatLook.push(...items.landsatLook);

  const services: TestService[] = [];
  const startService = async (more: Partial<ServiceConfig> = {}, serviceOptions: TestServiceOptions = {}) => {
    const svc = await startTestService({
      earthSearchUrl: fake.earthSearchUrl,
      landsatLookUrl: fake.landsatLookUrl,
      planetaryComputerUrl: fake.planetaryComputerUrl,
      pcSasUrl: fake.sasUrl,
      upstreamTimeoutMs: 5000,
      workerCount: 2,
      ...options.service,
      ...more,
    }, {}, serviceOptions);
    services.push(svc);
    return svc;
  };
  // A test may have closed a service itself (restarts): closing it again must not fail the clean-up.
  const close = () => runAll(...services.map((s) => () => s.close().catch(() => undefined)), () => fake.close(), removeFiles);
  const svc = await orUndo(() => startService(), close);

  return {
    kit,
    fake,
    svc,
    work,
    startService,
    runToFile: (body, name, on = svc) => runToFile(on, body, work, name),
    async runTimeseries(body, on = svc) {
      const id = await submit(on, body);
      const job = await waitJob(on, id);
      if (job.status !== 'succeeded') throw new Error(`timeseries job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
      const json = JSON.parse(await fetchText(on, String(job.result?.href))) as TimeseriesRun['json'];
      const csv = await fetchText(on, String(job.result?.csv));
      writeFileSync(join(work, `${id}.json`), JSON.stringify(json));
      return { job, json, csv };
    },
    reference: (body, name) => referenceFor(kit, body, work, name),
    compare: (resultTif, reference, threshold) => compareWithReference(resultTif, reference, threshold),
    fileRequests: (urlPath) => fake.requestsTo('files').filter((request) => urlPath === undefined || request.path === urlPath),
    close,
  };
}
