/**
 * Processing reads in-process: planning's header probe and the workers' band reads (over their
 * task's MessagePort) come from the asset byte source (electron/service/assets/asset-bytes.ts),
 * the same one the HTTP COG proxy answers from — so the bytes and errors are the proxy's, the
 * fake upstream sees every byte fetched, and the service never sends a request to itself: a job
 * runs with the service on IPv6 loopback, and a job resumed at start-up runs without the service
 * listening at all.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/service/config';
import type { Job } from '../../../electron/service/jobs/types';
import { createService } from '../../../electron/service/server';
import { samePixels, validateCog } from './helpers/gdal-check';
import { isFinished, runToFile, submit, useProcessingRig, waitJob } from './helpers/processing-rig';
import { S2_SCENE } from './helpers/test-scenes';

const rig = useProcessingRig();

const proxyPath = (band: string) => `/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/${band}/cog`;

async function overHttp(band: string, start: number, end: number): Promise<{ status: number; bytes: Buffer }> {
  const response = await rig.env.svc.api(proxyPath(band), { headers: { range: `bytes=${start}-${end}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Whether this machine can listen on ::1 (IPv6 loopback); some containers have no IPv6. */
const ipv6Loopback = await new Promise<boolean>((resolve) => {
  const server = createServer().once('error', () => resolve(false));
  server.listen(0, '::1', () => server.close(() => resolve(true)));
});

describe('the asset byte source', () => {
  it('answers the same bytes as the HTTP proxy, clamped at the end of the file and empty past it', async () => {
    const { assetBytes } = rig.env.svc.service.context.cache;
    const red = { scene: S2_SCENE, asset: 'red' };
    const size = Number((await rig.env.svc.api(proxyPath('red'), { method: 'HEAD' })).headers.get('content-length'));
    expect(size).toBeGreaterThan(100_000);
    for (const [offset, length] of [[0, 16], [1000, 70_000], [size - 50, 50], [size - 20, 4096]]) {
      const direct = Buffer.from(await assetBytes.read(red, offset, length));
      const http = await overHttp('red', offset, offset + length - 1);
      expect(http.status).toBe(206);
      expect(direct.equals(http.bytes)).toBe(true);
      expect(direct.length).toBe(Math.min(length, size - offset));
    }
    expect((await assetBytes.read(red, size + 10, 100)).length).toBe(0);
  });

  it('refuses bad ranges, and reports a missing band as the proxy does', async () => {
    const { assetBytes } = rig.env.svc.service.context.cache;
    await expect(assetBytes.read({ scene: S2_SCENE, asset: 'red' }, -1, 10)).rejects.toMatchObject({ code: 'invalid_parameter', parameter: 'range' });
    await expect(assetBytes.read({ scene: S2_SCENE, asset: 'red' }, 0, 0)).rejects.toMatchObject({ code: 'invalid_parameter', parameter: 'range' });
    const missing = await assetBytes.read({ scene: S2_SCENE, asset: 'B99' }, 0, 10).catch((error: { code: string }) => error.code);
    const http = (await (await rig.env.svc.api(proxyPath('B99'))).json()) as { error: { code: string } };
    expect(missing).toBe(http.error.code);
  });
});

describe('processing never requests the service itself', () => {
  it('a job — validation and every pixel — reaches the service only by the test\'s own requests; its bytes come from upstream', async () => {
    // A fresh service with an empty cache: every byte the job reads must come from the fake upstream.
    const svc = await rig.env.startService();
    const mark = { 'x-astra-test-client': 'processing-rig' };
    const seen: Array<{ url: string; marked: boolean }> = [];
    const onRequest = (request: IncomingMessage) => seen.push({ url: request.url ?? '', marked: request.headers['x-astra-test-client'] === 'processing-rig' });
    const filesBefore = rig.env.fake.requestsTo('files').length;
    svc.service.app.server.on('request', onRequest);
    let job: Job;
    try {
      const response = await svc.api('/api/v1/jobs', { method: 'POST', headers: { ...mark, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ndvi', scene: S2_SCENE }) });
      expect(response.status, await response.clone().text()).toBe(202);
      const { id } = (await response.json()) as { id: string };
      for (;;) {
        job = (await (await svc.api(`/api/v1/jobs/${id}`, { headers: mark })).json()) as Job;
        if (isFinished(job)) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      svc.service.app.server.off('request', onRequest);
      await svc.close();
    }
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(seen.filter((request) => request.marked).length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((request) => !request.marked)).toEqual([]);
    expect(rig.env.fake.requestsTo('files').length).toBeGreaterThan(filesBefore);
  }, 120_000);

  it.skipIf(!ipv6Loopback)('runs an NDVI job with the service listening on IPv6 loopback (--host ::1)', async () => {
    const svc = await rig.env.startService({ host: '::1' });
    try {
      expect(svc.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const { job, path } = await runToFile(svc, { type: 'ndvi', scene: S2_SCENE }, rig.work, 'ipv6');
      expect(job.result).toMatchObject({ width: 1098, height: 1098, crs: 'EPSG:32629' });
      expect(await validateCog(path)).toMatchObject({ valid: true });
    } finally {
      await svc.close();
    }
  }, 120_000);

  it('a job resumed at start-up runs to success before — and without — the service listening', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'astra-unlistened-'));
    try {
      rig.env.fake.faults.files.latencyMs = 120; // slow upstream reads: the job is still running when the service stops
      const first = await rig.env.startService({ dataDir, workerCount: 1 });
      const id = await submit(first, { type: 'ndvi', scene: S2_SCENE });
      expect((await waitJob(first, id, (job) => job.progress > 0, 60_000)).status).toBe('running');
      await first.close();
      rig.env.fake.resetFaults();

      // Created, never listening: the interrupted job is resumed as its kind registers.
      const config = loadConfig([], {}, { ...rig.env.upstreamConfig, dataDir, port: 0, workerCount: 1, diskReserveBytes: 0 });
      const second = await createService(config);
      try {
        expect(second.app.server.listening).toBe(false);
        const deadline = Date.now() + 60_000;
        let job = second.context.jobs.get(id);
        while (!isFinished(job) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          job = second.context.jobs.get(id);
        }
        expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
        expect((job.result?.tiles as { resumed: number }).resumed).toBeGreaterThanOrEqual(1);
        expect(second.app.server.listening).toBe(false);
        expect(statSync(join(dataDir, 'jobs', id, 'result.tif')).size).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
    } finally {
      rig.env.fake.resetFaults();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('where the result tiles are deflated', () => {
  it('deflating on the main thread\'s pool (one worker) and in the workers (one per core) give the same COG', async () => {
    const single = await rig.env.startService({ workerCount: 1 });
    try {
      const perCore = await runToFile(rig.env.svc, { type: 'ndvi', scene: S2_SCENE }, rig.work, 'per-core');
      const one = await runToFile(single, { type: 'ndvi', scene: S2_SCENE }, rig.work, 'one-worker');
      expect(await samePixels(perCore.path, one.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true] });
      expect(await validateCog(one.path)).toMatchObject({ valid: true });
      // The same blocks whichever thread deflated them (test/unit/raster/encode-tile.test.ts checks
      // it byte for byte); the files differ only in metadata (job id, statistics summed in tile order).
      expect(Math.abs(statSync(one.path).size - statSync(perCore.path).size)).toBeLessThan(200);
      console.log(`[processing] deflate placement: ${availableParallelism()} cores; 1 worker → ${availableParallelism() > 1 ? 'main thread pool' : 'worker'}`);
    } finally {
      await single.close();
    }
  }, 120_000);
});
