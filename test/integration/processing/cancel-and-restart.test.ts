/**
 * A processing job's life around its tiles: cancelled mid-run it stops within a second — the
 * worker thread running it is terminated, no more bytes are read, its files are removed; and
 * interrupted by a restart of the service it resumes from the tiles it had finished (kept in its
 * tile journal) and produces exactly the pixels an uninterrupted run does.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithGdal, samePixels, validateCog } from './helpers/gdal-check';
import { getJob, runToFile, submit, useProcessingRig, waitJob } from './helpers/processing-rig';
import { S2_DIR, S2_SCENE } from './helpers/test-scenes';
import { PROMPTLY_MS } from '../../helpers/timing';

const rig = useProcessingRig({ workerCount: 1 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fileRequests = () => rig.env.fake.requestsTo('files').length;

describe('cancelling a running NDVI job', () => {
  it('stops at once: the job is cancelled, its worker thread terminated, no more reads, no files left', async () => {
    rig.env.fake.faults.files.latencyMs = 150; // every upstream byte read is slow: the job runs for seconds
    try {
      const svc = await rig.env.startService({ workerCount: 1 });
      const id = await submit(svc, { type: 'ndvi', scene: S2_SCENE });
      await waitJob(svc, id, (job) => job.status === 'running' && job.progress > 0, 30_000);
      const threadsBefore = svc.service.rasterPool.threadIds;
      expect(threadsBefore).toHaveLength(1);

      const started = performance.now();
      const response = await svc.api(`/api/v1/jobs/${id}`, { method: 'DELETE' });
      const elapsed = performance.now() - started;
      const body = (await response.json()) as { status: string };
      console.log(`[processing] cancel answered in ${elapsed.toFixed(0)} ms with ${response.status} ${body.status}`);
      expect(response.status).toBe(200);
      expect(body.status).toBe('cancelled');
      // The job reads for seconds (150 ms per upstream read): the bound only catches a cancel that waits for it.
      expect(elapsed).toBeLessThan(PROMPTLY_MS);
      // Piscina terminated the thread that ran the tile task.
      expect(svc.service.rasterPool.threadIds).not.toContain(threadsBefore[0]);

      await sleep(400); // reads the proxy had already sent upstream may still land
      const settled = fileRequests();
      await sleep(1000);
      expect(fileRequests()).toBe(settled);
      expect((await getJob(svc, id)).status).toBe('cancelled');
      expect((await svc.api(`/api/v1/jobs/${id}/result.tif`)).status).toBe(404);
      expect(existsSync(join(svc.dataDir, 'jobs', id))).toBe(false);
    } finally {
      rig.env.fake.resetFaults();
    }
  }, 120_000);
});

describe('restarting the service in the middle of an NDVI job', () => {
  it('resumes from the finished tiles and produces the pixels of an uninterrupted run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'astra-restart-'));
    try {
      rig.env.fake.faults.files.latencyMs = 120;
      const first = await rig.env.startService({ dataDir, workerCount: 1 });
      const id = await submit(first, { type: 'ndvi', scene: S2_SCENE });
      const partway = await waitJob(first, id, (job) => job.progress >= 3 / 9, 60_000);
      expect(partway.status).toBe('running');
      await first.close();
      rig.env.fake.resetFaults();

      const second = await rig.env.startService({ dataDir, workerCount: 1 }, { key: { key: first.key, id: first.keyId } });
      const resumed = await waitJob(second, id, (job) => ['succeeded', 'failed', 'cancelled'].includes(job.status), 60_000);
      expect(resumed.status, JSON.stringify(resumed.error)).toBe('succeeded');
      const tiles = resumed.result?.tiles as { total: number; resumed: number };
      console.log(`[processing] resumed after a restart: ${tiles.resumed} of ${tiles.total} tiles were kept`);
      expect(tiles.total).toBe(9);
      expect(tiles.resumed).toBeGreaterThanOrEqual(3);
      expect(tiles.resumed).toBeLessThan(9);
      const resumedFile = join(rig.work, 'resumed.tif');
      writeFileSync(resumedFile, Buffer.from(await (await second.api(resumed.result!.href!)).arrayBuffer()));

      const fresh = await runToFile(second, { type: 'ndvi', scene: S2_SCENE }, rig.work, 'fresh');
      expect((fresh.job.result?.tiles as { resumed: number }).resumed).toBe(0);
      const [a, b] = [resumed.result!.stats!, fresh.job.result!.stats!];
      expect([a.min, a.max, a.valid_fraction]).toEqual([b.min, b.max, b.valid_fraction]);
      expect(a.mean).toBeCloseTo(b.mean!, 12); // tiles were summed in another order
      expect(await samePixels(resumedFile, fresh.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true] });
      expect((await validateCog(resumedFile)).valid).toBe(true);
      const report = await compareWithGdal({
        result: resumedFile, expression: '(nir - red) / (nir + red)',
        scenes: { scene: { bands: { nir: { path: join(S2_DIR, 'B08.tif'), scale: 0.0001, nodata: 0 }, red: { path: join(S2_DIR, 'B04.tif'), scale: 0.0001, nodata: 0 } }, mask: { path: join(S2_DIR, 'SCL.tif'), kind: 'scl', classes: [0, 1, 3, 8, 9, 10] } } },
      }, rig.work);
      expect(report.band1.nan_mismatches).toBe(0);
      expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
      // The journal goes once the result is complete; the result stays.
      expect(existsSync(join(dataDir, 'jobs', id, 'tiles.journal'))).toBe(false);
      expect(existsSync(join(dataDir, 'jobs', id, 'result.tif'))).toBe(true);
    } finally {
      rig.env.fake.resetFaults();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
