/**
 * The fake remote openEO back-end driven by the official client, @openeo/js-client, over real
 * HTTP on loopback: discovery, basic sign-in, collections and processes under the back-end's own
 * names, a batch job built with the client's Builder from creation to downloaded GeoTIFFs (made by
 * GDAL, split over two assets), synchronous processing, failure with logs, cancel, a token that
 * expires mid-job, and an unreachable back-end. Every answer the fake gave must conform to the
 * vendored openapi.yaml (`contractViolations`).
 */
import { Builder, Connection, OpenEO, type BuilderNode, type Job } from '@openeo/js-client';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENEO_USER, startFakeOpenEo, type FakeOpenEo } from '../../helpers/fake-openeo';
import { gdalinfo } from '../../helpers/gdal';
import { makeResultTiles, type ResultTiles } from './helpers/result-tiles';

let tiles: ResultTiles;
let backend: FakeOpenEo;

beforeAll(async () => {
  tiles = await makeResultTiles();
  backend = await startFakeOpenEo({
    resultAssets: [{ name: 'part-west.tif', file: tiles.west }, { name: 'part-east.tif', file: tiles.east }],
    syncResult: { file: tiles.west, type: 'image/tiff; application=geotiff' },
  });
});
afterAll(async () => {
  await backend.close();
  rmSync(tiles.dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(backend.contractViolations).toEqual([]);
});

interface ClientError { code: string; status: number | undefined; message: string }

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { code?: string; message: string; response?: { status: number } };
    return { code: failure.code ?? '', status: failure.response?.status, message: failure.message };
  }
  throw new Error('expected the client call to fail');
}

async function signedIn(): Promise<Connection> {
  const con = await OpenEO.connect(backend.url);
  await con.authenticateBasic(...FAKE_OPENEO_USER);
  return con;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Median NDVI over a summer with SCL clouds masked, built with js-client's Builder (CDSE names). */
function ndviComposite(builder: Builder): BuilderNode {
  const cube = builder.process('load_collection', {
    id: 'SENTINEL2_L2A', spatial_extent: { west: 3.0, south: 51.4, east: 3.02, north: 51.41 },
    temporal_extent: ['2024-06-01', '2024-09-01'], bands: ['B04', 'B08', 'SCL'],
  });
  const cloudy = builder.process('reduce_dimension', {
    data: cube, dimension: 'bands',
    reducer: (data: unknown, _context: unknown, b: Builder) => {
      const scl = b.process('array_element', { data, label: 'SCL' });
      return b.process('or', { x: b.process('eq', { x: scl, y: 8 }), y: b.process('eq', { x: scl, y: 9 }) });
    },
  });
  const masked = builder.process('mask', { data: cube, mask: cloudy });
  const ndvi = builder.process('ndvi', { data: masked, nir: 'B08', red: 'B04' });
  const composite = builder.process('reduce_dimension', {
    data: ndvi, dimension: 't', reducer: (data: unknown, _context: unknown, b: Builder) => b.process('median', { data }),
  });
  return builder.process('save_result', { data: composite, format: 'GTiff' });
}

describe('discovery and sign-in', () => {
  it('connects through /.well-known/openeo to the production 1.2 API and reads capabilities, then conformance', async () => {
    const before = backend.requests.length;
    const con = await OpenEO.connect(backend.url);
    expect(con.getBaseUrl()).toBe(backend.apiUrl);
    expect(con.capabilities().apiVersion()).toBe('1.2.0');
    expect(con.capabilities().listFeatures()).toEqual(expect.arrayContaining([
      'authenticateBasic', 'authenticateOIDC', 'listCollections', 'listProcesses', 'computeResult', 'createJob',
      'describeJob', 'startJob', 'stopJob', 'listResults', 'debugJob', 'estimateJob', 'deleteJob',
    ]));
    expect(backend.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /.well-known/openeo', 'GET /openeo/1.2/', 'GET /openeo/1.2/conformance',
    ]);
  });

  it('refuses wrong basic credentials with CredentialsInvalid, and afterwards sends the token as "Bearer basic//…"', async () => {
    const con = await OpenEO.connect(backend.url);
    expect(await rejection(con.authenticateBasic(FAKE_OPENEO_USER[0], 'wrong'))).toMatchObject({ code: 'CredentialsInvalid', status: 403 });
    expect(await rejection(con.listJobs())).toMatchObject({ code: 'AuthenticationRequired', status: 401 });
    await con.authenticateBasic(...FAKE_OPENEO_USER);
    await con.listJobs();
    expect(backend.requests[backend.requests.length - 1].headers.authorization).toMatch(/^Bearer basic\/\/basic-[0-9a-f]{24}$/);
  });
});

describe('collections and processes under the back-end\'s names', () => {
  it('lists renamed collections whose bands carry common names only in eo:bands', async () => {
    const con = await signedIn();
    const { collections } = await con.listCollections();
    expect(collections.map((collection) => collection.id)).toEqual(['SENTINEL2_L2A', 'TERRASCOPE_S2_TOC_V2', 'LANDSAT8-9_L2']);
    const terrascope = await con.describeCollection('TERRASCOPE_S2_TOC_V2');
    expect(terrascope['cube:dimensions'].bands.values).toContain('TOC-B04_10M');
    const red = terrascope.summaries['eo:bands'].find((band: { common_name?: string }) => band.common_name === 'red');
    expect(red.name).toBe('TOC-B04_10M');
    expect(await rejection(con.describeCollection('sentinel-2-l2a'))).toMatchObject({ code: 'CollectionNotFound', status: 404 });
  });

  it('lists every vendored process on one page, and leaves out a missing one', async () => {
    const con = await signedIn();
    const all = await con.listProcesses();
    const ids = all.processes.map((process) => process.id as string);
    expect(ids).toEqual(expect.arrayContaining(['load_collection', 'ndvi', 'reduce_dimension', 'median', 'save_result']));
    backend.missingProcesses.add('ndvi');
    try {
      const fewer = await con.listProcesses();
      expect(fewer.processes.map((process) => process.id)).toEqual(ids.filter((id) => id !== 'ndvi'));
      const complete = new Builder(all.processes);
      expect(await rejection(con.createJob(ndviComposite(complete)))).toMatchObject({ code: 'ProcessUnsupported', status: 400, message: expect.stringContaining("'ndvi'") });
    } finally {
      backend.missingProcesses.delete('ndvi');
    }
  });

  it('refuses ASTRA\'s collection id and band names; accepts the back-end\'s', async () => {
    const con = await signedIn();
    const graph = (id: string, bands: string[]) => ({
      process_graph: {
        load: { process_id: 'load_collection', arguments: { id, spatial_extent: null, temporal_extent: ['2024-06-01', '2024-07-01'], bands } },
        save: { process_id: 'save_result', arguments: { data: { from_node: 'load' }, format: 'GTiff' }, result: true },
      },
    });
    expect(await rejection(con.createJob(graph('sentinel-2-l2a', ['B04'])))).toMatchObject({ code: 'CollectionNotFound', status: 404 });
    const renamed = await rejection(con.createJob(graph('TERRASCOPE_S2_TOC_V2', ['red', 'SCL'])));
    expect(renamed).toMatchObject({ code: 'ProcessParameterInvalid', status: 400 });
    expect(renamed.message).toContain("band 'red' does not exist");
    expect(renamed.message).toContain('TOC-B04_10M');
    const job = await con.createJob(graph('TERRASCOPE_S2_TOC_V2', ['TOC-B04_10M', 'SCENECLASSIFICATION_20M']));
    expect(job.status).toBe('created');
  });
});

describe('a batch job from the client\'s Builder to downloaded GeoTIFFs', () => {
  it('creates, starts, follows progress and logs to finished, lists both assets and downloads them unchanged', async () => {
    const con = await signedIn();
    const save = ndviComposite(await con.buildProcess('ndvi_composite'));
    const job = await con.createJob(save, 'NDVI composite');
    expect(job.status).toBe('created');
    const stored = backend.jobs.get(job.id).process.process_graph as Record<string, { process_id: string; result?: boolean }>;
    expect(Object.values(stored).map((node) => node.process_id)).toEqual(['load_collection', 'reduce_dimension', 'mask', 'ndvi', 'reduce_dimension', 'save_result']);
    expect(Object.values(stored).filter((node) => node.result)).toHaveLength(1);

    await job.startJob();
    expect(job.status).toBe('queued');
    const seen: Array<[string | null, number | null | undefined]> = [];
    while (job.status !== 'finished') {
      backend.jobs.advance(job.id);
      await job.describeJob();
      seen.push([job.status, job.progress]);
    }
    expect(seen).toEqual([['running', 0], ['running', 50], ['finished', 100]]);

    const logs = await job.debugJob().nextLogs();
    expect(logs.map((entry) => entry.message)).toEqual([
      'Batch job queued.', 'Processing started.', 'Processing: 50 % done.', 'Batch job finished: 2 result files.',
    ]);
    expect(await job.estimateJob()).toMatchObject({ costs: 12.5, duration: 'PT2H30M' });

    const assets = await job.listResults();
    expect(assets.map((asset) => asset.href)).toEqual([
      expect.stringMatching(new RegExp(`^${backend.url}/download/${job.id}/part-west\\.tif\\?sig=[0-9a-f]+$`)),
      expect.stringMatching(/part-east\.tif\?sig=/),
    ]);
    const target = mkdtempSync(join(tmpdir(), 'astra-openeo-download-'));
    try {
      await job.downloadResults(target);
      expect(readdirSync(target).sort()).toEqual(['part-east.tif', 'part-west.tif']);
      expect(sha256(join(target, 'part-west.tif'))).toBe(sha256(tiles.west));
      expect(sha256(join(target, 'part-east.tif'))).toBe(sha256(tiles.east));
      const [west, east] = await Promise.all([gdalinfo(join(target, 'part-west.tif')), gdalinfo(join(target, 'part-east.tif'))]);
      expect(east.geoTransform[0]).toBe(west.geoTransform[0] + west.size[0] * west.geoTransform[1]);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
    const downloads = backend.requests.filter((request) => request.path.startsWith('/download/'));
    expect(downloads).toHaveLength(2);
    expect(downloads.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect((await con.listJobs()).map((listed: Job) => listed.id)).toContain(job.id);
  });

  it('answers 410 ResultLinkExpired for links handed out before the signature rotated', async () => {
    const con = await signedIn();
    const job = await con.createJob(ndviComposite(await con.buildProcess('ndvi_composite')));
    await job.startJob();
    backend.jobs.finish(job.id);
    const [old] = await job.listResults();
    backend.jobs.expireResultLinks(job.id);
    expect((await fetch(old.href)).status).toBe(410);
    const [fresh] = await job.listResults();
    expect((await fetch(fresh.href)).status).toBe(200);
  });

  it('runs a graph synchronously and streams the result file', async () => {
    const con = await signedIn();
    const result = await con.computeResult(ndviComposite(await con.buildProcess('ndvi_composite')));
    const chunks: Buffer[] = [];
    for await (const chunk of result.data as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(result.type).toBe('image/tiff; application=geotiff');
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(sha256(tiles.west));
  });
});

describe('failures a remote run meets', () => {
  it('a job that fails: status error, its log lines, and 424 with the error for its results', async () => {
    const con = await signedIn();
    const job = await con.createJob(ndviComposite(await con.buildProcess('ndvi_composite')));
    await job.startJob();
    backend.jobs.advance(job.id);
    backend.jobs.fail(job.id, {
      message: 'Executor memory exceeded while reducing dimension t.', code: 'Internal',
      logs: [{ level: 'warning', message: 'Executor lost on worker 3; retrying.' }],
    });
    await job.describeJob();
    expect(job.status).toBe('error');
    const warnings = await job.debugJob('warning').nextLogs();
    expect(warnings.map((entry) => [entry.level, entry.message])).toEqual([
      ['warning', 'Executor lost on worker 3; retrying.'],
      ['error', 'Executor memory exceeded while reducing dimension t.'],
    ]);
    expect(await rejection(job.listResults())).toMatchObject({ status: 424, code: 'Internal', message: 'Executor memory exceeded while reducing dimension t.' });
  });

  it('a cancelled job is cancelled at the back-end too', async () => {
    const con = await signedIn();
    const job = await con.createJob(ndviComposite(await con.buildProcess('ndvi_composite')));
    await job.startJob();
    backend.jobs.advance(job.id);
    await job.stopJob();
    expect(job.status).toBe('canceled');
    expect(backend.jobs.get(job.id).status).toBe('canceled');
    expect(await rejection(job.listResults())).toMatchObject({ code: 'JobNotFinished', status: 400 });
  });

  it('a token that expires mid-job: 403 TokenInvalid, then a fresh sign-in follows the same job', async () => {
    const con = await signedIn();
    const job = await con.createJob(ndviComposite(await con.buildProcess('ndvi_composite')));
    await job.startJob();
    backend.jobs.advance(job.id);
    const issued = backend.tokens.count('basic');
    backend.tokens.expireAll();
    expect(await rejection(job.describeJob())).toMatchObject({ code: 'TokenInvalid', status: 403 });
    // js-client puts the current Bearer token over the Basic header of a new sign-in: drop it first.
    await con.getAuthProvider()?.logout();
    await con.authenticateBasic(...FAKE_OPENEO_USER);
    await job.describeJob();
    expect(job.status).toBe('running');
    expect(backend.tokens.count('basic')).toBe(issued + 1);
  });

  it('an unreachable back-end refuses connections until it is back', async () => {
    const con = await signedIn();
    await backend.setReachable(false);
    try {
      // A kept-alive socket the server dropped resets; a new connection is refused.
      expect(await rejection(con.listJobs())).toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|ECONNREFUSED)$/), status: undefined });
      expect(await rejection(OpenEO.connect(backend.url))).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await backend.setReachable(true);
    }
    await con.listJobs();
  });
});
