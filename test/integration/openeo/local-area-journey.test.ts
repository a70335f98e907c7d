/**
 * Graphs that read as the area kinds (composite, period change, time series) run on the local
 * openEO back-end, on the area kit (test/helpers/area-scenes: GDAL-made COGs of two UTM zones,
 * a fake upstream, a real service and worker threads): a median-NDVI composite built with
 * @openeo/js-client's Builder runs as a batch job, and its results Item and downloaded COG are the
 * equivalent `POST /api/v1/jobs` composite's (pixel-identical, read with GDAL); a small one runs
 * synchronously; `GET /api/v1/jobs/{id}/process-graph` of every area kind, posted back, makes the
 * same job (the same canonical request) with the same pixels or series. Every answer under
 * /api/v1/openeo is checked against the vendored openapi.yaml.
 */
import { OpenEO, type Builder, type BuilderNode, type Connection } from '@openeo/js-client';
import { ProcessGraph, ProcessRegistry } from '@openeo/js-processgraphs';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../electron/service/jobs/types';
import { startAreaRig, getJob, waitJob, type AreaRig } from '../../helpers/area-scenes/area-rig';
import { epsgOf, gdalinfo, validateCog } from '../processing/helpers/gdal-check';
import { expectSamePixels, finished } from './helpers/client-runs';
import { bearer, checkOpenEoAnswers, clientRejection, jsonBody, openEoFetch, openEoToken, OPENEO_ROOT, type AnswerLog } from './helpers/local-openeo';

let rig: AreaRig;
let log: AnswerLog;
beforeAll(async () => {
  rig = await startAreaRig();
  log = checkOpenEoAnswers(rig.svc.url);
}, 120_000);
afterAll(async () => {
  log?.stop();
  await rig?.close();
});
afterEach(() => {
  expect(log.violations).toEqual([]);
});

type Api = Record<string, (...args: unknown[]) => BuilderNode>;
type Extent = Record<string, unknown>;

const GTIFF = 'image/tiff; application=geotiff; profile=cloud-optimized';
/** openEO periods exclude their end; ASTRA's include it (2024-06-01/2024-08-31). */
const SUMMER: [string, string] = ['2024-06-01', '2024-09-01'];
const JUNE: [string, string] = ['2024-06-01', '2024-07-01'];

/** ASTRA's SCL cloud mask as a user writes it: or/eq over the SCL band. */
function sclClouds(this: Api, data: unknown): BuilderNode {
  const scl = (data as Record<string, BuilderNode>).SCL;
  const eq = (c: number) => this.eq(scl, c);
  return this.or(this.or(this.or(eq(0), eq(1)), this.or(eq(3), eq(8))), this.or(eq(9), eq(10)));
}

/** Sentinel-2 L2A over `extent` and `period`: clouds masked, NDVI, reduced over time by `reducer`. */
function ndviComposite(builder: Builder, extent: Extent, period: [string, string], reducer: 'median' | 'mean', cloudCoverLt?: number): BuilderNode {
  const b = builder as unknown as Api;
  const properties = cloudCoverLt === undefined ? null : { 'eo:cloud_cover': (value: BuilderNode, bb: Api) => bb.lt(value, cloudCoverLt) };
  let cube = b.load_collection('sentinel-2.sentinel-2-l2a', extent, period, ['B04', 'B08', 'SCL'], properties);
  cube = b.mask(cube, b.reduce_dimension(cube, sclClouds, 'bands'));
  cube = b.ndvi(cube, 'B08', 'B04');
  cube = b.reduce_dimension(cube, (data: BuilderNode, _context: unknown, bb: Api) => bb[reducer](data), 't');
  const result = b.save_result(cube, 'GTiff');
  result.result = true;
  return result;
}

function bboxExtent([west, south, east, north]: number[]): Extent {
  return { west, south, east, north };
}

async function connected(): Promise<Connection> {
  const con = await OpenEO.connect(`${rig.svc.url}${OPENEO_ROOT}`);
  await con.authenticateBasic('analyst', rig.svc.key);
  return con;
}

/** The graph is valid for @openeo/js-processgraphs against the definitions the back-end serves. */
async function expectValidGraph(con: Connection, graph: object): Promise<void> {
  const { processes } = await con.listProcesses();
  expect((await new ProcessGraph(graph, new ProcessRegistry(processes)).validate(false)).toJSON()).toEqual([]);
}

async function astraJob(id: string): Promise<Job & { params: { request: Record<string, unknown> } }> {
  return await getJob(rig.svc, id) as Job & { params: { request: Record<string, unknown> } };
}

/** The ASTRA job running an openEO batch job (the job's `related` link). */
async function runOf(token: string, openEoJobId: string): Promise<string> {
  const described = (await openEoFetch(rig.svc, log, `/jobs/${openEoJobId}`, { headers: bearer(token) })).body as { links: Array<{ rel: string; href: string }> };
  return described.links.find((link) => link.rel === 'related')!.href.split('/').pop()!;
}

async function download(href: string, path: string): Promise<string> {
  const response = await fetch(href);
  expect(response.status).toBe(200);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

describe('an area composite through @openeo/js-client', () => {
  it('runs a median NDVI composite as a batch job: the results Item and the downloaded COG are the ASTRA composite\'s', async () => {
    const con = await connected();
    const builder = await con.buildProcess('summer_median_ndvi');
    const result = ndviComposite(builder, bboxExtent(rig.kit.manifest.aois.bbox), SUMMER, 'median', 50);
    const graph = JSON.parse(JSON.stringify(builder.toJSON())) as object;
    await expectValidGraph(con, graph);

    const body = { type: 'composite', aoi: rig.kit.manifest.aois.bbox, datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2'], collections: ['sentinel-2-l2a'], index: 'ndvi', reducer: 'median', cloud_cover_lt: 50 };
    const astra = await rig.runToFile(body, 'astra-summer-median');

    const job = await con.createJob(result, 'summer median NDVI');
    expect(job.status).toBe('created');
    await job.startJob();
    await finished(job);
    expect([job.status, job.progress]).toEqual(['finished', 100]);
    const token = await openEoToken(rig.svc, rig.svc.key);
    const run = await astraJob(await runOf(token, job.id));
    // The graph is read as the job the ASTRA body asks for, its bands as the graph names them:
    // ndvi(nir: B08, red: B04) is that band math (the same pixels as the index on Sentinel-2).
    const { index: _index, ...asked } = (await astraJob(astra.job.id)).params.request;
    expect(run.params.request).toEqual({ ...asked, expression: '(B08 - B04) / (B08 + B04)' });
    expect(run.result?.scenes).toEqual(astra.job.result?.scenes);

    const item = await job.getResultsAsStac();
    expect(item).toMatchObject({
      type: 'Feature', id: job.id,
      properties: { 'openeo:status': 'finished', 'astra:reducer': 'median', 'astra:scenes': astra.job.result?.scenes, 'proj:epsg': 32631, title: 'summer median NDVI' },
    });
    expect(Object.values(item.assets as Record<string, { type: string }>).map((asset) => asset.type)).toEqual([GTIFF]);
    // The June pass above 50 % cloud cover and the scenes outside the area or the period are not among the inputs.
    const scenes = (item.properties as { 'astra:scenes': string[] })['astra:scenes'];
    expect(scenes.some((id) => /20240625|20240521|32TMT/.test(id))).toBe(false);

    const folder = join(rig.work, 'batch-summer-median');
    mkdirSync(folder);
    const [downloaded] = await job.downloadResults(folder) as string[];
    expect(downloaded).toBe(join(folder, 'result.tif'));
    expect((await validateCog(downloaded)).valid).toBe(true);
    expect(epsgOf(await gdalinfo(downloaded))).toBe(32631);
    await expectSamePixels(downloaded, astra.path);
  }, 300_000);

  it('runs a small composite synchronously (POST /result): the COG is the ASTRA composite\'s', async () => {
    const con = await connected();
    const field = rig.kit.manifest.aois.field!;
    const builder = await con.buildProcess('june_mean_ndvi');
    const result = ndviComposite(builder, field as unknown as Extent, JUNE, 'mean');
    await expectValidGraph(con, JSON.parse(JSON.stringify(builder.toJSON())) as object);

    const sync = await con.computeResult(result);
    expect(sync.type).toBe(GTIFF);
    const syncFile = join(rig.work, 'sync-june-mean.tif');
    await pipeline(sync.data as Readable, createWriteStream(syncFile));
    expect((await validateCog(syncFile)).valid).toBe(true);

    const astra = await rig.runToFile({ type: 'composite', aoi: field, datetime: '2024-06-01/2024-06-30', sources: ['sentinel-2'], collections: ['sentinel-2-l2a'], index: 'ndvi', reducer: 'mean' }, 'astra-june-mean');
    await expectSamePixels(syncFile, astra.path);
  }, 300_000);

  it('refuses a composite over a period without scenes with ProcessParameterInvalid naming the job, queuing nothing', async () => {
    const con = await connected();
    const builder = await con.buildProcess('no_scenes');
    const result = ndviComposite(builder, bboxExtent(rig.kit.manifest.aois.bbox), ['2023-01-01', '2023-02-01'], 'median');
    const jobsBefore = (await (await rig.svc.api('/api/v1/jobs?limit=500')).json() as { jobs: unknown[] }).jobs.length;
    const refused = await clientRejection(con.computeResult(result));
    expect(refused).toMatchObject({ code: 'ProcessParameterInvalid', status: 400, message: expect.stringMatching(/composite job.*no scenes found/) });
    expect(await clientRejection(con.createJob(result))).toMatchObject({ code: 'ProcessParameterInvalid', status: 400 });
    expect((await (await rig.svc.api('/api/v1/jobs?limit=500')).json() as { jobs: unknown[] }).jobs).toHaveLength(jobsBefore);
  }, 120_000);
});

/** Each area kind: the ASTRA job, whose process graph is posted back. */
const AREA_JOBS: Array<[string, (r: AreaRig) => Record<string, unknown>]> = [
  ['a composite over a polygon from both sensors, with a valid-count band', (r) => ({ type: 'composite', aoi: r.kit.manifest.aois.field, datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2', 'landsat'], index: 'ndvi', reducer: 'max', valid_count: true })],
  ['a period change from June to August', (r) => ({ type: 'change', aoi: r.kit.manifest.aois.field, before: { datetime: '2024-06-01/2024-06-30' }, after: { datetime: '2024-08-01/2024-08-31' }, sources: ['sentinel-2'], threshold: 0.1 })],
];

describe('GET /api/v1/jobs/{id}/process-graph of area jobs', () => {
  it.each(AREA_JOBS)('of %s, posted to /jobs, makes the same job with the same pixels', async (name, bodyOf) => {
    const svc = rig.svc;
    const slug = name.replace(/\W+/g, '-');
    const astra = await rig.runToFile(bodyOf(rig), `${slug}-astra`);
    const response = await svc.api(`/api/v1/jobs/${astra.job.id}/process-graph`);
    expect(response.status).toBe(200);
    const process = await response.json() as { process_graph: object };
    await expectValidGraph(await connected(), process);

    const token = await openEoToken(svc, svc.key);
    const created = await openEoFetch(svc, log, '/jobs', jsonBody(token, { process, title: name }));
    expect(created.status).toBe(201);
    const id = created.headers.get('openeo-identifier')!;
    expect((await openEoFetch(svc, log, `/jobs/${id}/results`, { method: 'POST', headers: bearer(token) })).status).toBe(202);
    const runId = await runOf(token, id);
    expect((await waitJob(svc, runId, undefined, 300_000)).status).toBe('succeeded');
    expect((await astraJob(runId)).params.request).toEqual((await astraJob(astra.job.id)).params.request);

    const results = (await openEoFetch(svc, log, `/jobs/${id}/results`, { headers: bearer(token) })).body as { assets: Record<string, { href: string }>; properties: Record<string, unknown> };
    expect(Object.keys(results.assets)).toEqual(['result.tif']);
    expect(results.properties).toMatchObject({ 'astra:job': { type: astra.job.type }, 'astra:scenes': astra.job.result?.scenes });
    await expectSamePixels(await download(results.assets['result.tif'].href, join(rig.work, `${slug}-batch.tif`)), astra.path);
  }, 300_000);

  it('of a time series at a point, posted to /result and to /jobs, gives the same series', async () => {
    const svc = rig.svc;
    const body = { type: 'timeseries', aoi: rig.kit.manifest.aois.point, datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2'], index: 'ndvi' };
    const astra = await rig.runTimeseries(body);
    const response = await svc.api(`/api/v1/jobs/${astra.job.id}/process-graph`);
    expect(response.status).toBe(200);
    const process = await response.json() as { process_graph: Record<string, { process_id: string; arguments: Record<string, unknown> }> };
    const ids = Object.values(process.process_graph).map((node) => node.process_id);
    expect(ids).toEqual(expect.arrayContaining(['aggregate_temporal_period', 'aggregate_spatial', 'save_result']));
    await expectValidGraph(await connected(), process);
    expect(astra.json.entries.length).toBeGreaterThan(3);

    const token = await openEoToken(svc, svc.key);
    const sync = await fetch(`${svc.url}${OPENEO_ROOT}/result`, jsonBody(token, { process }));
    expect(sync.status).toBe(200);
    expect(sync.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await sync.json()).toEqual(astra.json);

    const created = await openEoFetch(svc, log, '/jobs', jsonBody(token, { process }));
    const id = created.headers.get('openeo-identifier')!;
    await openEoFetch(svc, log, `/jobs/${id}/results`, { method: 'POST', headers: bearer(token) });
    const runId = await runOf(token, id);
    expect((await waitJob(svc, runId, undefined, 300_000)).status).toBe('succeeded');
    expect((await astraJob(runId)).params.request).toEqual((await astraJob(astra.job.id)).params.request);
    const results = (await openEoFetch(svc, log, `/jobs/${id}/results`, { headers: bearer(token) })).body as { assets: Record<string, { href: string; type: string }> };
    expect(Object.entries(results.assets).map(([name, asset]) => [name, asset.type])).toEqual([['result.json', 'application/json']]);
    expect(await (await fetch(results.assets['result.json'].href)).json()).toEqual(astra.json);
  }, 300_000);

  it('answers 422 for a max_ndvi composite, which no openEO graph can express', async () => {
    const body = { type: 'composite', aoi: rig.kit.manifest.aois.field, datetime: '2024-06-01/2024-06-30', sources: ['sentinel-2'], bands: ['red', 'nir'], reducer: 'max_ndvi' };
    const astra = await rig.runToFile(body, 'max-ndvi');
    const response = await rig.svc.api(`/api/v1/jobs/${astra.job.id}/process-graph`);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'unprocessable', parameter: 'reducer', message: expect.stringContaining('max_ndvi') } });
  }, 300_000);
});
