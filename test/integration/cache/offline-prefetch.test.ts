import { fromFile } from 'geotiff';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPointTransform } from '../../../workers/lib/geo/crs';
import type { Job, SceneAssets } from '../../../electron/service/api/contract';
import type { FakeUpstream } from '../../helpers/fake-upstream';
import type { TestService } from '../../helpers/test-service';
import { openThroughProxy, readWindow, readWindowFromFile, startCacheRig, type CacheRig, type CogFiles } from './helpers/cache-rig';
import { S2_SCENE } from './helpers/test-items';

let rig: CacheRig;
let upstream: FakeUpstream;
let svc: TestService;
let cogs: CogFiles;

/** North-west part of the 29RKH tile. */
const BBOX: [number, number, number, number] = [-11.95, 24.95, -11.6, 25.28];

beforeAll(async () => {
  rig = await startCacheRig();
  ({ fake: upstream, svc, cogs } = rig);
});
afterAll(async () => { await rig?.close(); });

const json = { 'content-type': 'application/json' };
const post = (body: unknown) => svc.api('/api/v1/cache/offline', { method: 'POST', headers: json, body: JSON.stringify(body) });

async function waitFor(id: string, done: (job: Job) => boolean, timeoutMs = 20_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await svc.api(`/api/v1/jobs/${id}`)).json()) as Job;
    if (done(job) || Date.now() > until) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pixel window (full resolution) of the part of BBOX well inside it, from the file's own georeferencing. */
async function windowInside(path: string): Promise<[number, number, number, number]> {
  const image = await (await fromFile(path)).getImage(0);
  const [minX, , , maxY] = image.getBoundingBox();
  const [resX, resY] = image.getResolution();
  const toUtm = createPointTransform(4326, 32629);
  const out = new Float64Array(2);
  const corners = [[BBOX[0], BBOX[1]], [BBOX[2], BBOX[3]]].map(([lon, lat]) => { toUtm(lon, lat, out); return [out[0], out[1]]; });
  const col = (x: number) => Math.round((x - minX) / resX);
  const row = (y: number) => Math.round((maxY - y) / Math.abs(resY));
  const [c0, c1] = [col(corners[0][0]), col(corners[1][0])];
  const [r0, r1] = [row(corners[1][1]), row(corners[0][1])];
  return [Math.max(0, c0 + 5), Math.max(0, r0 + 5), c1 - 5, r1 - 5];
}

describe('POST /api/v1/cache/offline', () => {
  it('validates before queueing: 400 naming the parameter, 404 for an unknown scene', async () => {
    const cases: Array<[unknown, number, string | undefined]> = [
      [{ bands: ['B04'] }, 400, 'scene'],
      [{ scene: S2_SCENE }, 400, 'bands'],
      [{ scene: S2_SCENE, bands: [] }, 400, 'bands'],
      [{ scene: S2_SCENE, bands: ['B04'], bbox: [1, 2, 3] }, 400, 'bbox'],
      [{ scene: S2_SCENE, bands: ['B04'], bbox: [-11, 95, -10, 96] }, 400, 'bbox'],
      [{ scene: S2_SCENE, bands: ['infrared-ish'] }, 400, 'bands'],
      [{ scene: S2_SCENE, bands: ['B04'], colour: 'blue' }, 400, 'colour'],
      [{ scene: 'sentinel-2:UNKNOWN', bands: ['B04'] }, 404, undefined],
      [{ scene: 'nope', bands: ['B04'] }, 400, 'scene'],
    ];
    for (const [body, status, parameter] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(((await response.json()) as { error: { parameter?: string } }).error.parameter).toBe(parameter);
    }
    expect(((await (await svc.api('/api/v1/jobs')).json()) as { jobs: Job[] }).jobs).toHaveLength(0);
  });

  it('is cancellable while it runs', async () => {
    upstream.faults.files.latencyMs = 150;
    try {
      const created = await post({ scene: S2_SCENE, bands: ['B08'] });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      await waitFor(id, (job) => job.status === 'running');
      const cancelled = await svc.api(`/api/v1/jobs/${id}`, { method: 'DELETE' });
      expect([200, 202]).toContain(cancelled.status);
      expect((await waitFor(id, (job) => job.status !== 'running')).status).toBe('cancelled');
    } finally {
      upstream.faults.files.latencyMs = 0;
      // Reads the cancelled job left in flight are answered before the next test counts requests.
      await expect.poll(() => upstream.fileRequests().filter((r) => r.status === undefined).length).toBe(0);
    }
  });

  it('fetches item, thumbnail, headers and the bbox tiles at every level; then works with the upstream gone', async () => {
    await svc.api('/api/v1/cache?scope=tiles', { method: 'DELETE' });
    upstream.resetLog();
    const created = await post({ scene: S2_SCENE, bands: ['red', 'nir'], bbox: BBOX });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toMatch(/^\/api\/v1\/jobs\/job_/);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('queued');
    const job = await waitFor(id, (j) => j.status === 'succeeded' || j.status === 'failed');
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.progress).toBe(1);
    const result = job.result as { thumbnail: boolean; bands: Record<string, { tiles: number; levels: number }> };
    expect(result.thumbnail).toBe(true);
    const image0 = await (await fromFile(cogs.b04)).getImage(0);
    const allTiles = Math.ceil(image0.getWidth() / 256) ** 2;
    expect(result.bands.B04.tiles).toBeGreaterThan(result.bands.B04.levels);
    expect(result.bands.B04.tiles).toBeLessThan(allTiles + 9);
    expect(Object.keys(result.bands)).toEqual(['B04', 'B08']);
    expect(upstream.fileRequests('/cogs/thumbnail.jpg').length).toBeGreaterThan(0);

    const report = (await (await svc.api('/api/v1/cache')).json()) as Record<string, number>;
    expect(report.pinned_bytes).toBeGreaterThan(0);
    expect(report.pinned_bytes).toBeLessThan(readFileSync(cogs.b04).length + readFileSync(cogs.b08).length);

    await upstream.close();
    const window = await windowInside(cogs.b04);
    expect(await readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), window)).toEqual(await readWindowFromFile(cogs.b04, window));
    const overviewWindow = window.map((v) => Math.floor(v / 4)) as [number, number, number, number];
    expect(await readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), overviewWindow, 2)).toEqual(await readWindowFromFile(cogs.b04, overviewWindow, 2));
    const nirWindow = await windowInside(cogs.b08);
    expect(await readWindow(await openThroughProxy(svc, S2_SCENE, 'nir'), nirWindow)).toEqual(await readWindowFromFile(cogs.b08, nirWindow));

    // The south-east corner was never fetched, and nothing upstream answers any more.
    await expect(readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), [1000, 1000, 1098, 1098])).rejects.toThrow();

    const thumbnail = await svc.api(`/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/thumbnail/cog`);
    expect(thumbnail.status).toBe(200);
    expect(Buffer.from(await thumbnail.arrayBuffer()).equals(readFileSync(cogs.thumbnail))).toBe(true);
    const resolved = (await (await svc.api(`/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets?bands=red`)).json()) as SceneAssets;
    expect(resolved.assets.red.route).toBe('cache');
  });
});
