/**
 * The workers' band reads go over their task's MessagePort (workers/pool/byte-channel.ts), served
 * by proxy-byte-reader.ts from the same COG byte cache as the HTTP proxy: the same bytes for the
 * same range (clamped at the end of the file, empty past it), the same errors — and a job makes
 * no HTTP request to the proxy at all. Where the tiles are deflated (in the workers, or on the
 * main thread's pool when the worker pool leaves a core idle) changes no byte of the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { proxyByteReader } from '../../../electron/service/processing/engine/proxy-byte-reader';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { samePixels, validateCog } from './helpers/gdal-check';
import { postJob, runToFile, startProcessingEnv, waitJob, type ProcessingEnv } from './helpers/processing-env';
import { S2_SCENE } from './helpers/test-scenes';

let env: ProcessingEnv;
beforeAll(async () => { env = await startProcessingEnv(); }, 120_000);
afterAll(async () => { await env?.close(); });

const proxyPath = (band: string) => `/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/${band}/cog`;

async function overHttp(band: string, start: number, end: number): Promise<{ status: number; bytes: Buffer }> {
  const response = await env.svc.api(proxyPath(band), { headers: { range: `bytes=${start}-${end}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('byte channel reader', () => {
  it('answers the same bytes as the HTTP proxy, clamped at the end of the file and empty past it', async () => {
    const read = proxyByteReader(env.svc.service.context, env.svc.url);
    const size = Number((await env.svc.api(proxyPath('red'), { method: 'HEAD' })).headers.get('content-length'));
    expect(size).toBeGreaterThan(100_000);
    for (const [offset, length] of [[0, 16], [1000, 70_000], [size - 50, 50], [size - 20, 4096]]) {
      const channel = Buffer.from(await read({ type: 'read-bytes', id: 1, url: `${env.svc.url}${proxyPath('red')}`, offset, length }));
      const http = await overHttp('red', offset, offset + length - 1);
      expect(http.status).toBe(206);
      expect(channel.equals(http.bytes)).toBe(true);
      expect(channel.length).toBe(Math.min(length, size - offset));
    }
    expect((await read({ type: 'read-bytes', id: 2, url: `${env.svc.url}${proxyPath('red')}`, offset: size + 10, length: 100 })).length).toBe(0);
  });

  it('refuses foreign urls and bad ranges, and reports a missing band as the proxy does', async () => {
    const read = proxyByteReader(env.svc.service.context, env.svc.url);
    const request = (url: string, offset = 0, length = 10) => read({ type: 'read-bytes', id: 3, url, offset, length });
    await expect(request('http://example.com/x.tif')).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(request(`${env.svc.url}/api/v1/jobs`)).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(request(`${env.svc.url}${proxyPath('red')}`, -1)).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(request(`${env.svc.url}${proxyPath('red')}`, 0, 0)).rejects.toMatchObject({ code: 'invalid_parameter' });
    const missing = await request(`${env.svc.url}${proxyPath('B99')}`).catch((error: { code: string }) => error.code);
    const http = (await (await env.svc.api(proxyPath('B99'))).json()) as { error: { code: string } };
    expect(missing).toBe(http.error.code);
  });

  it('an NDVI job reads its bands without one HTTP request to the proxy', async () => {
    const proxied: string[] = [];
    let accepted = false;
    const onRequest = (request: IncomingMessage) => {
      if (accepted && /\/assets\/[^/]+\/cog$/.test(request.url ?? '')) proxied.push(request.url ?? '');
    };
    env.svc.service.app.server.on('request', onRequest);
    try {
      // Validation (before the 202) probes the COG headers over HTTP on the main thread; the
      // job's pixel reads come after it.
      const response = await postJob(env.svc, { type: 'ndvi', scene: S2_SCENE, mask_clouds: true });
      accepted = true;
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      const job = await waitJob(env.svc, id);
      expect(job.status).toBe('succeeded');
    } finally {
      env.svc.service.app.server.off('request', onRequest);
    }
    expect(proxied).toEqual([]);
  });

  it('deflating on the main thread\'s pool (one worker) and in the workers (one per core) give the same COG', async () => {
    const work = mkdtempSync(join(tmpdir(), 'astra-deflate-placement-'));
    const single = await env.startService({ workerCount: 1 });
    try {
      const perCore = await runToFile(env.svc, { type: 'ndvi', scene: S2_SCENE }, work, 'per-core');
      const one = await runToFile(single, { type: 'ndvi', scene: S2_SCENE }, work, 'one-worker');
      expect(await samePixels(perCore.path, one.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true] });
      expect(await validateCog(one.path)).toMatchObject({ valid: true });
      // The same blocks whichever thread deflated them (test/unit/raster/encode-tile.test.ts checks
      // it byte for byte); the files differ only in metadata (job id, statistics summed in tile order).
      expect(Math.abs(statSync(one.path).size - statSync(perCore.path).size)).toBeLessThan(200);
      console.log(`[processing] deflate placement: ${availableParallelism()} cores; 1 worker → ${availableParallelism() > 1 ? 'main thread pool' : 'worker'}`);
    } finally {
      await single.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
