/**
 * Area jobs beside the local area engine (the kit's constant variant, served by the fake
 * upstream): the same composite body runs here, or with `"on": "fake"` on the fake remote openEO
 * back-end — its process graph loads the body's area and period in the back-end's names, and the
 * back-end's files become the job's result.tif (mosaicked, bands named as the local result names
 * them) and its STAC item (back-end, remote job). A period change goes as two loads merged into
 * one difference. POST /api/v1/jobs/preview answers the local estimate with the remote advice:
 * suggest_remote past the thresholds (low ones for this service), the back-ends signed in to,
 * and a back-end id it does not know → 400 naming `on`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobPreview } from '../../../electron/service/jobs/area-job-types';
import type { StacItem } from '../../../electron/service/stac/types';
import { startAreaRig, type AreaRig } from '../../helpers/area-scenes/area-rig';
import { runAll } from '../../helpers/clean-up';
import { startFakeOpenEo, type FakeOpenEo } from '../../helpers/fake-openeo';
import { PYTHON, run, validateCog } from '../../helpers/gdal';
import type { TestService } from '../../helpers/test-service';
import { addBasicBackend, call, stepFakeJobs, submit, waitJob } from './helpers/offload-rig';
import { flatNodes } from './helpers/remote-setup';
import { makeResultTiles, type ResultTiles } from './helpers/result-tiles';

/** Past 10 000 output pixels a job is suggested for a remote run here; the other figures never. */
const THRESHOLDS = { output_pixels: 10_000, input_bytes: 1e15, local_seconds: 1e9, scenes: 1e6 };

const SAME_PIXELS = `
import sys, json, numpy as np
from osgeo import gdal
gdal.UseExceptions()
result = gdal.Open(sys.argv[1])
parts = gdal.BuildVRT('/vsimem/parts.vrt', sys.argv[2:])
a = result.GetRasterBand(1).ReadAsArray()
b = parts.GetRasterBand(1).ReadAsArray()
print(json.dumps(bool(a.shape == b.shape and np.array_equal(a, b, equal_nan=True))))
`;

let area: AreaRig;
let backend: FakeOpenEo;
let tiles: ResultTiles;
let svc: TestService;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'astra-offload-area-'));
  tiles = await makeResultTiles();
  backend = await startFakeOpenEo({ resultAssets: [{ name: 'part-west.tif', file: tiles.west }, { name: 'part-east.tif', file: tiles.east }] });
  area = await startAreaRig({ variant: 'constant' });
  svc = await area.startService({ openEoPollIntervalMs: 10, workerCount: 1 }, { openEo: { sleep: stepFakeJobs(backend), suggestThresholds: THRESHOLDS } });
}, 120_000);
afterAll(async () => {
  await runAll(() => area?.close(), () => backend?.close(), () => rmSync(tiles.dir, { recursive: true, force: true }), () => rmSync(work, { recursive: true, force: true }));
});
afterEach(() => {
  expect(backend.contractViolations).toEqual([]);
});

const composite = () => ({ type: 'composite', aoi: area.kit.manifest.aois.bbox, datetime: area.kit.manifest.periods.june, sources: ['sentinel-2'], index: 'ndvi', reducer: 'median' });

async function preview(body: Record<string, unknown>): Promise<Response> {
  return call(svc, 'POST', '/api/v1/jobs/preview', body);
}

describe('area jobs on a remote back-end, beside the local engine', () => {
  it('preview: the local estimate with suggest_remote and the back-ends signed in to', async () => {
    const before = await preview({ ...composite(), on: 'fake' });
    expect(before.status).toBe(400);
    expect(await before.json()).toMatchObject({ error: { code: 'invalid_parameter', parameter: 'on' } });
    const local = (await (await preview(composite())).json()) as JobPreview;
    expect(local.remote_backends).toEqual([]);

    await addBasicBackend({ svc, backend });
    const response = await preview({ ...composite(), on: 'fake' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as JobPreview;
    // The local estimate is the engine's (scenes of the kit, its grid), whatever `on` says.
    expect(answer).toMatchObject({ type: 'composite', scenes: local.scenes, observations: local.observations, grid: local.grid, estimate: local.estimate });
    expect(answer.scenes.length).toBeGreaterThan(0);
    expect(answer.estimate.output_pixels).toBe(answer.grid!.width * answer.grid!.height);
    expect(answer.estimate.output_pixels).toBeGreaterThan(THRESHOLDS.output_pixels);
    expect(answer).toMatchObject({ suggest_remote: true, remote_backends: ['fake'] });
    expect(answer.suggest_remote_reasons).toEqual([expect.stringContaining('to compute (more than')]);

    // A time series at one point is small: no suggestion, the back-ends still listed.
    const point = area.kit.manifest.aois.bbox.slice(0, 2).map((value, i) => value + (area.kit.manifest.aois.bbox[i + 2] - value) / 2);
    const series = await preview({ type: 'timeseries', aoi: point, datetime: area.kit.manifest.periods.june, sources: ['sentinel-2'], index: 'ndvi' });
    expect(series.status).toBe(200);
    expect(await series.json()).toMatchObject({ type: 'timeseries', suggest_remote: false, suggest_remote_reasons: [], remote_backends: ['fake'] });

    const unknown = await preview({ ...composite(), on: 'nowhere' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { parameter: 'on', message: expect.stringContaining('configured: fake') } });
    // Nothing was queued, nothing created remotely.
    expect(((await (await svc.api('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs).toEqual([]);
    expect(backend.jobs.all()).toEqual([]);
  });

  it('the same composite runs locally, or remotely into a result.tif and STAC item of its own', async () => {
    const localId = await submit(svc, composite());
    const remoteId = await submit(svc, { ...composite(), on: 'fake' });
    const [local, remote] = await Promise.all([waitJob(svc, localId, undefined, 120_000), waitJob(svc, remoteId)]);
    expect(local.status, JSON.stringify(local.error)).toBe('succeeded');
    expect(remote.status, JSON.stringify(remote.error)).toBe('succeeded');
    expect(local.remote).toBeUndefined();
    expect(backend.jobs.all()).toHaveLength(1);

    // The graph the back-end ran: the body's area and period, in its names.
    const remoteJob = backend.jobs.all()[0];
    const nodes = flatNodes(remoteJob.process);
    const [west, south, east, north] = area.kit.manifest.aois.bbox;
    const [start, end] = area.kit.manifest.periods.june.split('/');
    expect(nodes.find(([process]) => process === 'load_collection')![1]).toMatchObject({
      id: 'SENTINEL2_L2A', spatial_extent: { west, south, east, north }, temporal_extent: [start, expect.any(String)], bands: expect.arrayContaining(['B04', 'B08', 'SCL']),
    });
    expect(nodes.map(([process]) => process)).toEqual(expect.arrayContaining(['mask', 'ndvi', 'reduce_dimension', 'save_result']));
    // openEO's end is exclusive: the day after the period's last.
    expect((nodes.find(([process]) => process === 'load_collection')![1].temporal_extent as string[])[1] > end).toBe(true);

    // Its result: the back-end's files, mosaicked into a COG, named as the local result's band.
    expect(remote).toMatchObject({ type: 'composite', progress: 1, remote: { backend: 'fake', job_id: remoteJob.id, status: 'finished', progress: 100 } });
    expect(remote.result).toMatchObject({ href: `/api/v1/jobs/${remoteId}/result.tif`, crs: 'EPSG:32631', width: 128, height: 64, assets: 2 });
    expect(remote.result!.bands).toEqual(local.result!.bands);
    const path = join(work, 'remote-composite.tif');
    writeFileSync(path, Buffer.from(await (await svc.api(remote.result!.href!)).arrayBuffer()));
    expect((await validateCog(path)).valid).toBe(true);
    expect(JSON.parse((await run(PYTHON, ['-c', SAME_PIXELS, path, tiles.west, tiles.east])).stdout)).toBe(true);

    // Items: the remote one says where it was made; the local one is the engine's.
    const [remoteItem, localItem] = await Promise.all([remoteId, localId].map(async (id) => (await (await svc.api(`/api/v1/jobs/${id}/item`)).json()) as StacItem));
    expect(remoteItem.properties).toMatchObject({ 'openeo:backend': 'fake', 'openeo:job_id': remoteJob.id, 'astra:job': { id: remoteId, type: 'composite' } });
    expect(remoteItem.assets.result.href).toBe(`${svc.url}/api/v1/jobs/${remoteId}/result.tif`);
    expect(localItem.properties['openeo:backend']).toBeUndefined();
    expect(localItem.assets.result.href).toBe(`${svc.url}/api/v1/jobs/${localId}/result.tif`);
  });

  it('a period change goes as two loads, one per period, merged into their difference', async () => {
    const { june, august } = area.kit.manifest.periods;
    const id = await submit(svc, { type: 'change', aoi: area.kit.manifest.aois.bbox, before: { datetime: june }, after: { datetime: august }, sources: ['sentinel-2'], on: 'fake' });
    const job = await waitJob(svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const nodes = flatNodes(backend.jobs.all().at(-1)!.process);
    const loads = nodes.filter(([process]) => process === 'load_collection').map(([, args]) => args);
    expect(loads.map((args) => [args.id, (args.temporal_extent as string[])[0]]).sort()).toEqual([['SENTINEL2_L2A', august.split('/')[0]], ['SENTINEL2_L2A', june.split('/')[0]]].sort());
    expect(nodes.map(([process]) => process)).toEqual(expect.arrayContaining(['merge_cubes', 'subtract']));
    expect(job.result).toMatchObject({ href: `/api/v1/jobs/${id}/result.tif`, assets: 2 });
  });
});
