/**
 * The local openEO back-end driven by clients nobody here wrote, on the processing rig (a real
 * service, a fake upstream serving real COGs, real worker threads): @openeo/js-client connects,
 * signs in with an ASTRA key, lists collections and processes, builds an NDVI graph of a scene
 * with its Builder (valid for @openeo/js-processgraphs against the served definitions), runs it
 * synchronously and as a batch job (create, start, poll, list and download the results), and the
 * COGs it gets are the ASTRA job's own pixels. Then every processing job kind's
 * `GET /api/v1/jobs/{id}/process-graph`, posted to /result and /jobs, gives identical pixels.
 * Every answer under /api/v1/openeo is checked against the vendored openapi.yaml.
 */
import { OpenEO, type Builder, type BuilderNode, type Connection, type Job as ClientJob } from '@openeo/js-client';
import { ProcessGraph, ProcessRegistry } from '@openeo/js-processgraphs';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_COLLECTIONS } from '../../../electron/service/openeo/graph';
import { block, codeBlocks, readmeSection, REPO_ROOT } from '../../helpers/readme-snippets';
import { validateCog } from '../processing/helpers/gdal-check';
import { getJob, runToFile, useProcessingRig, waitJob } from '../processing/helpers/processing-rig';
import { LANDSAT_SCENE, S2_SCENE, S2_ZONE28_SCENE, SYNTHETIC_SCENE } from '../processing/helpers/test-scenes';
import { expectSamePixels, finished } from './helpers/client-runs';
import { bearer, checkOpenEoAnswers, jsonBody, openEoFetch, openEoToken, OPENEO_ROOT, type AnswerLog } from './helpers/local-openeo';

const rig = useProcessingRig();
let log: AnswerLog;

beforeAll(() => {
  log = checkOpenEoAnswers(rig.env.svc.url);
});
afterAll(() => log?.stop());
afterEach(() => {
  expect(log.violations).toEqual([]);
});

type Api = Record<string, (...args: unknown[]) => BuilderNode>;

const BBOX = [-11.9, 24.5, -11.3, 25.1] as const;

/** ASTRA's SCL cloud mask, as a user would write it: or/eq over the SCL band. */
function sclClouds(this: Api, data: unknown): BuilderNode {
  const scl = (data as Record<string, BuilderNode>).SCL;
  const eq = (c: number) => this.eq(scl, c);
  return this.or(this.or(this.or(eq(0), eq(1)), this.or(eq(3), eq(8))), this.or(eq(9), eq(10)));
}

/** NDVI of the 29RKH scene of 2020-02-19 in a box, clouds masked, as js-client's Builder writes it. */
function sceneNdvi(builder: Builder): BuilderNode {
  const b = builder as unknown as Api;
  const [west, south, east, north] = BBOX;
  let cube = b.load_collection('sentinel-2.sentinel-2-l2a', { west, south, east, north }, ['2020-02-19', '2020-02-20'], ['B04', 'B08', 'SCL'],
    { id: (value: BuilderNode, bb: Api) => bb.eq(value, S2_SCENE.slice('sentinel-2:'.length)) });
  cube = b.mask(cube, b.reduce_dimension(cube, sclClouds, 'bands'));
  cube = b.ndvi(cube, 'B08', 'B04');
  cube = b.reduce_dimension(cube, (data: BuilderNode, _context: unknown, bb: Api) => bb.first(data), 't');
  return b.save_result(cube, 'GTiff');
}

async function connected(): Promise<Connection> {
  const con = await OpenEO.connect(`${rig.env.svc.url}${OPENEO_ROOT}`);
  await con.authenticateBasic('analyst', rig.env.svc.key);
  return con;
}

describe('the js-client journey', () => {
  it('builds an NDVI graph, runs it synchronously and as a batch job, and downloads the ASTRA job\'s own pixels', async () => {
    const con = await connected();
    const collections = await con.listCollections();
    expect(collections.collections.map((c) => c.id)).toContain('sentinel-2.sentinel-2-l2a');
    const { processes } = await con.listProcesses();

    const builder = await con.buildProcess('scene_ndvi');
    const result = sceneNdvi(builder);
    result.result = true;
    const graph = JSON.parse(JSON.stringify(builder.toJSON())) as { process_graph: object };
    // The graph is valid for the reference implementation, against the definitions the back-end served.
    const errors = await new ProcessGraph(graph, new ProcessRegistry(processes)).validate(false);
    expect(errors.toJSON()).toEqual([]);

    const astra = await runToFile(rig.env.svc, { type: 'ndvi', scene: S2_SCENE, bbox: [...BBOX] }, rig.work, 'astra-ndvi');

    const sync = await con.computeResult(result);
    expect(sync.type).toBe('image/tiff; application=geotiff; profile=cloud-optimized');
    const syncFile = join(rig.work, 'sync-ndvi.tif');
    await pipeline(sync.data as Readable, createWriteStream(syncFile));
    expect((await validateCog(syncFile)).valid).toBe(true);
    await expectSamePixels(syncFile, astra.path);

    const job = await con.createJob(result, 'NDVI 29RKH', 'js-client journey');
    expect(job.status).toBe('created');
    await job.startJob();
    expect(['queued', 'running', 'finished']).toContain(job.status);
    await finished(job);
    expect(job.status).toBe('finished');
    expect(job.progress).toBe(100);

    const assets = await job.listResults();
    expect(assets.map((a) => a.type)).toEqual(['image/tiff; application=geotiff; profile=cloud-optimized']);
    const folder = join(rig.work, 'batch-ndvi');
    mkdirSync(folder);
    const [downloaded] = await job.downloadResults(folder) as string[];
    expect(downloaded).toBe(join(folder, 'result.tif'));
    await expectSamePixels(downloaded, astra.path);

    const logs = await job.debugJob().nextLogs();
    expect(logs.map((entry) => entry.level)).toEqual(['info', 'info', 'info', 'info']);
    expect(logs[logs.length - 1].message).toMatch(/finished/);
    const listed = await con.listJobs();
    expect(listed.map((listedJob: ClientJob) => listedJob.id)).toContain(job.id);
    expect(log.checked).toEqual(expect.arrayContaining(['POST /jobs 201', `POST /jobs/${job.id}/results 202`, `GET /jobs/${job.id}/results 200`]));

    // The ASTRA job behind the openEO job is the key's own, with the same request.
    const run = (await (await rig.env.svc.api(`/api/v1/jobs?limit=10`)).json() as { jobs: Array<{ id: string; params: { request: Record<string, unknown> } }> }).jobs;
    expect(run.filter((j) => j.params.request.scene === S2_SCENE).length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});

async function astraJobIds(): Promise<string[]> {
  return ((await (await rig.env.svc.api('/api/v1/jobs?limit=500')).json()) as { jobs: Array<{ id: string }> }).jobs.map((job) => job.id);
}

/** Retries `check` until it passes (generous bound: what it waits for happens right after an answer). */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Each processing kind: the ASTRA job, and its process graph posted back. */
const KINDS: Array<[string, Record<string, unknown>]> = [
  ['ndvi of a Sentinel-2 scene (SCL mask)', { type: 'ndvi', scene: S2_SCENE, bbox: [-11.8, 24.6, -11.5, 24.9] }],
  ['ndvi of a Landsat scene (QA_PIXEL mask)', { type: 'ndvi', scene: LANDSAT_SCENE }],
  ['index with an expression, on a scene without a mask band', { type: 'index', scene: SYNTHETIC_SCENE, expression: '(nir - red) / (nir + red + 0.5) * 1.5' }],
  ['change between two Sentinel-2 scenes', { type: 'change', before: S2_ZONE28_SCENE, after: S2_SCENE, threshold: 0.1 }],
];

describe('GET /api/v1/jobs/{id}/process-graph', () => {
  it.each(KINDS)('of %s, posted to /result and to /jobs, gives identical pixels', async (name, body) => {
    const svc = rig.env.svc;
    const slug = name.replace(/\W+/g, '-');
    const astra = await runToFile(svc, body, rig.work, `${slug}-astra`);
    const response = await svc.api(`/api/v1/jobs/${astra.job.id}/process-graph`);
    expect(response.status).toBe(200);
    const process = await response.json() as { process_graph: Record<string, { process_id: string }> };
    const processes = ((await (await openEoFetch(svc, log, '/processes', { headers: bearer(await openEoToken(svc, svc.key)) })).body) as { processes: object[] }).processes;
    expect((await new ProcessGraph(process, new ProcessRegistry(processes)).validate(false)).toJSON()).toEqual([]);

    const token = await openEoToken(svc, svc.key);
    const jobsBefore = await astraJobIds();
    const sync = await fetch(`${svc.url}${OPENEO_ROOT}/result`, jsonBody(token, { process }));
    expect(sync.status, await sync.clone().text().then((t) => t.slice(0, 300))).toBe(200);
    const syncFile = join(rig.work, `${slug}-sync.tif`);
    writeFileSync(syncFile, Buffer.from(await sync.arrayBuffer()));
    await expectSamePixels(syncFile, astra.path);
    // The synchronous run's ASTRA job is removed once the answer is sent.
    await eventually(async () => expect(await astraJobIds()).toEqual(jobsBefore));

    const created = await openEoFetch(svc, log, '/jobs', jsonBody(token, { process, title: name }));
    expect(created.status).toBe(201);
    const id = created.headers.get('openeo-identifier')!;
    expect(created.headers.get('location')).toBe(`${svc.url}${OPENEO_ROOT}/jobs/${id}`);
    expect((await openEoFetch(svc, log, `/jobs/${id}/results`, { method: 'POST', headers: bearer(token) })).status).toBe(202);
    const described = (await openEoFetch(svc, log, `/jobs/${id}`, { headers: bearer(token) })).body as { links: Array<{ rel: string; href: string }> };
    const runId = described.links.find((link) => link.rel === 'related')!.href.split('/').pop()!;
    await waitJob(svc, runId);
    expect((await openEoFetch(svc, log, `/jobs/${id}`, { headers: bearer(token) })).body).toMatchObject({ status: 'finished', process });
    const results = (await openEoFetch(svc, log, `/jobs/${id}/results`, { headers: bearer(token) })).body as { assets: Record<string, { href: string }> };
    const download = await fetch(results.assets['result.tif'].href);
    expect(download.status).toBe(200);
    const batchFile = join(rig.work, `${slug}-batch.tif`);
    writeFileSync(batchFile, Buffer.from(await download.arrayBuffer()));
    await expectSamePixels(batchFile, astra.path);
    expect((await getJob(svc, runId)).status).toBe('succeeded');
  }, 180_000);

  it('answers 404 for a job of another kind and 422 for a scene no openEO collection holds', async () => {
    const svc = rig.env.svc;
    const offline = await svc.api('/api/v1/cache/offline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scene: S2_SCENE, bands: ['red'] }) });
    const offlineId = ((await offline.json()) as { id: string }).id;
    const notProcessing = await svc.api(`/api/v1/jobs/${offlineId}/process-graph`);
    expect(notProcessing.status).toBe(404);
    expect(await notProcessing.json()).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('offline') } });
    const pucallpa = await runToFile(svc, { type: 'index', scene: 'planetary-computer:pucallpa_landsat_2020', index: 'ndwi', mask_clouds: false }, rig.work, 'pucallpa');
    const unexpressible = await svc.api(`/api/v1/jobs/${pucallpa.job.id}/process-graph`);
    expect(unexpressible.status).toBe(422);
    expect(await unexpressible.json()).toMatchObject({ error: { code: 'unprocessable', message: expect.stringContaining('opengeos-landsat-pucallpa') } });
    const other = svc.service.context.keys.create('other', ['read', 'process']).key;
    expect((await svc.api(`/api/v1/jobs/${pucallpa.job.id}/process-graph`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
  }, 120_000);
});

describe('POST /result for small requests only', () => {
  it('refuses a job larger than the synchronous limit with ProcessGraphComplexity, queuing nothing', async () => {
    const small = await rig.env.startService({ openEoSyncMaxBytes: 64 * 1024 });
    const astra = await runToFile(small, { type: 'ndvi', scene: S2_SCENE, bbox: [-11.8, 24.6, -11.7, 24.7] }, rig.work, 'small-limit');
    const process = await (await small.api(`/api/v1/jobs/${astra.job.id}/process-graph`)).json();
    const token = await openEoToken(small, small.key);
    const refused = await fetch(`${small.url}${OPENEO_ROOT}/result`, jsonBody(token, { process }));
    expect(refused.status).toBe(400);
    const body = await refused.json() as { code: string; message: string };
    expect(body).toMatchObject({ code: 'ProcessGraphComplexity', message: expect.stringMatching(/too large for synchronous processing.*batch job/) });
    const jobs = ((await (await small.api('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs;
    expect(jobs).toHaveLength(1);
    // The same graph runs as a batch job.
    const created = await fetch(`${small.url}${OPENEO_ROOT}/jobs`, jsonBody(token, { process }));
    expect(created.status).toBe(201);
  }, 120_000);
});

describe('the README\'s openEO examples', () => {
  const blocks = codeBlocks(readmeSection('openEO'));
  const run = promisify(execFile);

  it('runs the js-client example as written (URL and key substituted): the NDVI it writes is the ASTRA job\'s', async () => {
    const svc = rig.env.svc;
    const dir = mkdtempSync(join(rig.work, 'readme-js-'));
    // The example imports @openeo/js-client as a user's project would have it installed.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const code = block(blocks, 'js', 'OpenEO.connect').replaceAll('http://127.0.0.1:8787', svc.url).replaceAll('astra_sk_live_your_key_here', svc.key);
    writeFileSync(join(dir, 'ndvi.mjs'), code);
    const { stdout } = await run(process.execPath, [join(dir, 'ndvi.mjs')], { cwd: dir });
    expect(stdout).toContain(LOCAL_COLLECTIONS.map((c) => c.id).join(', '));
    expect(stdout).toContain('wrote ndvi.tif (image/tiff; application=geotiff; profile=cloud-optimized)');
    const astra = await runToFile(svc, { type: 'ndvi', scene: S2_SCENE, bbox: [...BBOX], mask_clouds: false }, rig.work, 'readme-astra');
    await expectSamePixels(join(dir, 'ndvi.tif'), astra.path);
  }, 120_000);

  it('names in the Python example what the back-end has: its URL, a local collection, the scene and bands of the js one', async () => {
    const python = block(blocks, 'python', 'openeo.connect');
    expect(python).toContain('openeo.connect("http://127.0.0.1:8787/api/v1/openeo").authenticate_basic(');
    expect(python).toContain('"sentinel-2.sentinel-2-l2a"');
    expect(python).toContain('S2A_29RKH_20200219_0_L2A');
    const dir = mkdtempSync(join(rig.work, 'readme-py-'));
    writeFileSync(join(dir, 'ndvi.py'), python);
    // The openeo package is not installable here (no PyPI): the example is at least valid Python.
    await run('/usr/bin/python3', ['-m', 'py_compile', join(dir, 'ndvi.py')]);
  });
});
