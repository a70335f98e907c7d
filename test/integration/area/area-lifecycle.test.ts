/**
 * An area job's life (issue 15: "same queue, progress, cancel, resume and COG output as today"),
 * as test/integration/processing/cancel-and-restart.test.ts checks it for single scenes:
 * - interrupted by a restart of the service, it resumes from the work it had finished and gives
 *   the pixels of an uninterrupted run (and of the reference); a time series (whose tasks carry
 *   batches of entries at a point) keeps its finished entries and gives the same entries;
 * - cancelled, it stops reading at once: after the cancel is answered (and reads already in
 *   flight have landed) the fake file server sees no more requests; nothing is left behind;
 * - offline, with the bytes cached and every catalog and file host gone, it gives identical pixels
 *   without one upstream request.
 * The job: median NDVI over most of the kit at 5 m (several output tiles), every file read slowed.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../electron/service/jobs/types';
import { getJob, startAreaRig, submit, waitJob, type AreaRig } from '../../helpers/area-scenes/area-rig';
import type { TestService } from '../../helpers/test-service';
import { expectSameAsReference } from '../../helpers/area-scenes/expect-area';
import { PROMPTLY_MS } from '../../helpers/timing';
import { samePixels } from '../processing/helpers/gdal-check';

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig({ service: { workerCount: 1 } });
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const wideJob = () => ({
  type: 'composite', aoi: rig.kit.manifest.aois.wide, datetime: rig.kit.manifest.periods.summer,
  sources: ['sentinel-2'], index: 'ndvi', reducer: 'median', valid_count: true, resolution: 5,
});

/**
 * Runs `body` on a service over `dataDir` with every file read slowed by `latencyMs`, stops the
 * service once the job is `partway` (and still running), and lets a restarted service on the same
 * data dir finish it: the finished job, succeeded, and that second service.
 */
async function interruptedByRestart(body: Record<string, unknown>, dataDir: string, latencyMs: number, partway: number): Promise<{ svc: TestService; job: Job }> {
  rig.fake.faults.files.latencyMs = latencyMs;
  const first = await rig.startService({ dataDir });
  const id = await submit(first, body);
  const midway = await waitJob(first, id, (job) => job.progress >= partway || (job.status !== 'running' && job.status !== 'queued'), 120_000);
  expect(midway.status).toBe('running');
  await first.close();
  rig.fake.resetFaults();
  const svc = await rig.startService({ dataDir }, { key: { key: first.key, id: first.keyId } });
  const job = await waitJob(svc, id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), 120_000);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return { svc, job };
}

describe('restarting the service in the middle of an area job', () => {
  it('resumes and produces the pixels of an uninterrupted run, which equal the reference', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'astra-area-restart-'));
    try {
      const { svc: second, job: resumed } = await interruptedByRestart(wideJob(), dataDir, 120, 0.5);
      const tiles = resumed.result?.tiles as { total: number; resumed: number };
      console.log(`[area] resumed after a restart: ${tiles?.resumed} of ${tiles?.total} tiles were kept`);
      expect(tiles.total).toBeGreaterThan(1);
      expect(tiles.resumed).toBeGreaterThan(0);
      const resumedFile = join(rig.work, 'resumed.tif');
      writeFileSync(resumedFile, Buffer.from(await (await second.api(resumed.result!.href!)).arrayBuffer()));

      const fresh = await rig.runToFile(wideJob(), 'uninterrupted', second);
      expect((fresh.job.result?.tiles as { resumed: number }).resumed).toBe(0);
      expect(await samePixels(resumedFile, fresh.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true, true] });
      const reference = await rig.reference(wideJob(), 'wide');
      expectSameAsReference(await rig.compare(resumedFile, reference), reference);
    } finally {
      rig.fake.resetFaults();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('restarting the service in the middle of a time series', () => {
  it('keeps the finished entries and gives the entries of an uninterrupted run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'astra-series-restart-'));
    const body = { type: 'timeseries', aoi: rig.kit.manifest.aois.point, datetime: rig.kit.manifest.periods.summer, sources: ['sentinel-2', 'landsat'], index: 'ndvi' };
    try {
      const { svc: second, job: resumed } = await interruptedByRestart(body, dataDir, 250, 0.3);
      const total = resumed.result?.entries as number;
      const kept = resumed.result?.resumed as number;
      console.log(`[area] time series resumed after a restart: ${kept} of ${total} entries were kept`);
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(total);
      const resumedJson = JSON.parse(await (await second.api(String(resumed.result?.href))).text()) as { entries: unknown[] };

      const fresh = await rig.runTimeseries(body, second);
      expect(fresh.job.result?.resumed).toBe(0);
      expect(resumedJson.entries).toEqual(fresh.json.entries);
    } finally {
      rig.fake.resetFaults();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('cancelling a running area job', () => {
  it('stops reading at once: cancelled, no more upstream reads, no files left', async () => {
    rig.fake.faults.files.latencyMs = 150;
    try {
      const svc = await rig.startService();
      const before = rig.fileRequests().length;
      const id = await submit(svc, wideJob());
      await waitJob(svc, id, (job) => (job.status === 'running' && rig.fileRequests().length > before + 5) || ['succeeded', 'failed', 'cancelled'].includes(job.status), 60_000);
      const started = performance.now();
      const response = await svc.api(`/api/v1/jobs/${id}`, { method: 'DELETE' });
      const elapsed = performance.now() - started;
      const body = (await response.json()) as { status: string };
      console.log(`[area] cancel answered in ${elapsed.toFixed(0)} ms with ${response.status} ${body.status}`);
      expect(response.status).toBe(200);
      expect(body.status).toBe('cancelled');
      expect(elapsed).toBeLessThan(PROMPTLY_MS);

      await sleep(400); // reads the proxy had already sent upstream may still land
      const settled = rig.fileRequests().length;
      await sleep(1500);
      expect(rig.fileRequests().length).toBe(settled);
      expect((await getJob(svc, id)).status).toBe('cancelled');
      expect((await svc.api(`/api/v1/jobs/${id}/result.tif`)).status).toBe(404);
      expect(existsSync(join(svc.dataDir, 'jobs', id))).toBe(false);
    } finally {
      rig.fake.resetFaults();
    }
  }, 120_000);
});

describe('an area job offline', () => {
  it('gives identical pixels from cached bytes with every catalog and file host gone', async () => {
    const body = { ...wideJob(), aoi: rig.kit.manifest.aois.bbox, resolution: undefined, sources: ['sentinel-2', 'landsat'] };
    const online = await rig.runToFile(body, 'online');
    const setOffline = async (offline: boolean) => {
      const response = await rig.svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offline }) });
      expect(response.status).toBe(200);
    };
    await setOffline(true);
    for (const catalog of ['earthSearch', 'landsatLook', 'planetaryComputer', 'sas', 'files'] as const) rig.fake.faults[catalog].status = { code: 503 };
    try {
      const before = rig.fake.requests.length;
      const offline = await rig.runToFile(body, 'offline');
      expect(rig.fake.requests.length).toBe(before);
      expect([...(offline.job.result?.scenes as string[])].sort()).toEqual([...(online.job.result?.scenes as string[])].sort());
      expect(await samePixels(online.path, offline.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true, true] });
    } finally {
      rig.fake.resetFaults();
      await setOffline(false);
    }
  }, 180_000);
});
