/**
 * The remote client maps ASTRA's collection ids and band names to a back-end's own, read from
 * that back-end's `/collections` (the fake names them like CDSE, Terrascope and Sentinel Hub do),
 * and refuses up front — before anything is created remotely — what the back-end cannot run:
 * missing processes (also ones only on a later `/processes` page), unknown output formats,
 * collections or bands without a counterpart.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendCatalog } from '../../../electron/service/openeo/remote/backend-catalog';
import { submitRemoteJob } from '../../../electron/service/openeo/remote/batch-job';
import { prepareProcess } from '../../../electron/service/openeo/remote/prepare-process';
import { RemoteOpenEoError } from '../../../electron/service/openeo/remote/remote-errors';
import { RemoteSession } from '../../../electron/service/openeo/remote/remote-session';
import { LANDSAT8_9_L2, SENTINEL2_L2A, startFakeOpenEo, TERRASCOPE_S2_TOC_V2, type FakeOpenEo } from '../../helpers/fake-openeo';
import { basicSetup, flatNodes, LANDSAT, ndviComposite, SENTINEL_2, type RemoteSetup } from './helpers/remote-setup';

const fakes: FakeOpenEo[] = [];
const setups: RemoteSetup[] = [];
let cdse: FakeOpenEo;

async function fake(options: Parameters<typeof startFakeOpenEo>[0] = {}): Promise<FakeOpenEo> {
  const started = await startFakeOpenEo(options);
  fakes.push(started);
  return started;
}

async function session(backendFake: FakeOpenEo, collections: Record<string, string> = {}): Promise<RemoteSession> {
  const setup = await basicSetup(backendFake, { collections });
  setups.push(setup);
  return RemoteSession.open(setup.backend, { secrets: setup.secrets });
}

async function rejection(promise: Promise<unknown>): Promise<RemoteOpenEoError> {
  const error = await promise.then(() => undefined, (failure: unknown) => failure);
  if (!(error instanceof RemoteOpenEoError)) throw new Error(`expected a RemoteOpenEoError, got ${String(error)}`);
  return error;
}

const postedJobs = (backendFake: FakeOpenEo) => backendFake.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/jobs'));

beforeAll(async () => { cdse = await fake(); });
afterEach(() => {
  for (const started of fakes) expect(started.contractViolations).toEqual([]);
});
afterAll(async () => {
  await Promise.all(fakes.map((started) => started.close()));
  for (const setup of setups) rmSync(setup.dir, { recursive: true, force: true });
});

describe('collections and bands from the back-end\'s /collections', () => {
  it('maps Sentinel-2 to SENTINEL2_L2A and Landsat to LANDSAT8-9_L2 (QA_PIXEL → BQA); the fake accepts the submitted graph', async () => {
    const remote = await session(cdse);
    const prepared = await prepareProcess(ndviComposite([SENTINEL_2, LANDSAT]), new BackendCatalog(remote), remote.backend);
    expect(prepared.mapping.collections).toEqual([
      { astra: 'sentinel-2.sentinel-2-l2a', remote: 'SENTINEL2_L2A' },
      { astra: 'landsat.landsat-c2l2-sr', remote: 'LANDSAT8-9_L2' },
    ]);
    expect(prepared.mapping.bands).toEqual(expect.arrayContaining([
      { collection: 'SENTINEL2_L2A', astra: 'B04', remote: 'B04' },
      { collection: 'SENTINEL2_L2A', astra: 'SCL', remote: 'SCL' },
      { collection: 'LANDSAT8-9_L2', astra: 'SR_B4', remote: 'B04' },
      { collection: 'LANDSAT8-9_L2', astra: 'SR_B5', remote: 'B05' },
      { collection: 'LANDSAT8-9_L2', astra: 'QA_PIXEL', remote: 'BQA' },
    ]));
    const jobId = await submitRemoteJob(remote, prepared.process, { title: 'mapped' });
    const received = flatNodes(cdse.jobs.get(jobId).process.process_graph);
    expect(received.filter(([id]) => id === 'load_collection').map(([, args]) => [args.id, args.bands])).toEqual([
      ['SENTINEL2_L2A', ['B04', 'B08', 'SCL']],
      ['LANDSAT8-9_L2', ['B04', 'B05', 'BQA']],
    ]);
    expect(received.filter(([id]) => id === 'array_element').map(([, args]) => args.label)).toEqual(['SCL', 'BQA']);
    expect(received.filter(([id]) => id === 'ndvi').map(([, args]) => [args.nir, args.red])).toEqual([['B08', 'B04'], ['B05', 'B04']]);
    expect(cdse.jobs.get(jobId).status).toBe('queued');
  });

  it('on a back-end with only renamed collections: TERRASCOPE_S2_TOC_V2 bands (TOC-B04_10M, SCENECLASSIFICATION_20M, the rededge bands by wavelength)', async () => {
    const terrascope = await fake({ collections: [TERRASCOPE_S2_TOC_V2, LANDSAT8_9_L2] });
    const remote = await session(terrascope);
    const graph = ndviComposite([{ ...SENTINEL_2, extra: ['B05', 'B07', 'B8A'] }]);
    const prepared = await prepareProcess(graph, new BackendCatalog(remote), remote.backend);
    expect(prepared.mapping.collections).toEqual([{ astra: 'sentinel-2.sentinel-2-l2a', remote: 'TERRASCOPE_S2_TOC_V2' }]);
    const jobId = await submitRemoteJob(remote, prepared.process);
    const received = flatNodes(terrascope.jobs.get(jobId).process.process_graph);
    expect(received.find(([id]) => id === 'load_collection')?.[1]).toMatchObject({
      id: 'TERRASCOPE_S2_TOC_V2', bands: ['TOC-B04_10M', 'TOC-B08_10M', 'SCENECLASSIFICATION_20M', 'TOC-B05_20M', 'TOC-B07_20M', 'TOC-B8A_20M'],
    });
    expect(received.find(([id]) => id === 'array_element')?.[1].label).toBe('SCENECLASSIFICATION_20M');
    expect(received.find(([id]) => id === 'ndvi')?.[1]).toMatchObject({ nir: 'TOC-B08_10M', red: 'TOC-B04_10M' });
    // The graph given to prepareProcess keeps ASTRA's names.
    expect(flatNodes(graph.process_graph).find(([id]) => id === 'load_collection')?.[1].id).toBe('sentinel-2.sentinel-2-l2a');
  });

  it('a collection pinned in the back-end\'s settings wins over the best match', async () => {
    const remote = await session(cdse, { 'sentinel-2.sentinel-2-l2a': 'TERRASCOPE_S2_TOC_V2' });
    const prepared = await prepareProcess(ndviComposite(), new BackendCatalog(remote), remote.backend);
    expect(prepared.mapping.collections).toEqual([{ astra: 'sentinel-2.sentinel-2-l2a', remote: 'TERRASCOPE_S2_TOC_V2' }]);
    const pinnedAway = await session(cdse, { 'sentinel-2.sentinel-2-l2a': 'SENTINEL1_GRD' });
    const error = await rejection(prepareProcess(ndviComposite(), new BackendCatalog(pinnedAway), pinnedAway.backend));
    expect(error).toMatchObject({ reason: 'unmappable_collection', code: 'unprocessable' });
    expect(error.message).toContain('SENTINEL1_GRD');
  });

  it('refuses a band the chosen collection lacks, naming it and the collection', async () => {
    const terrascope = await fake({ collections: [TERRASCOPE_S2_TOC_V2] });
    const remote = await session(terrascope);
    const error = await rejection(prepareProcess(ndviComposite([{ ...SENTINEL_2, extra: ['B09'] }]), new BackendCatalog(remote), remote.backend));
    expect(error.reason).toBe('unmappable_band');
    expect(error.message).toContain('B09');
    expect(error.message).toContain('TERRASCOPE_S2_TOC_V2');
    expect(postedJobs(terrascope)).toEqual([]);
  });

  it('refuses a collection the back-end has no counterpart for, and ids that are not ASTRA\'s', async () => {
    const sentinelOnly = await fake({ collections: [SENTINEL2_L2A] });
    const remote = await session(sentinelOnly);
    const landsat = await rejection(prepareProcess(ndviComposite([LANDSAT]), new BackendCatalog(remote), remote.backend));
    expect(landsat.reason).toBe('unmappable_collection');
    expect(landsat.message).toContain('landsat.landsat-c2l2-sr');
    expect(landsat.message).toContain('SENTINEL2_L2A');
    const radar = await rejection(prepareProcess(ndviComposite([{ ...SENTINEL_2, id: 'sentinel-2.sentinel-1-grd' }]), new BackendCatalog(remote), remote.backend));
    expect(radar).toMatchObject({ reason: 'unmappable_collection', message: expect.stringContaining('sentinel-2.sentinel-1-grd') });
    const remoteName = await rejection(prepareProcess(ndviComposite([{ ...SENTINEL_2, id: 'SENTINEL2_L2A' }]), new BackendCatalog(remote), remote.backend));
    expect(remoteName.message).toContain('is not an ASTRA collection id');
    expect(postedJobs(sentinelOnly)).toEqual([]);
  });
});

describe('processes and formats checked before submission', () => {
  it('refuses a graph whose processes (one only inside a callback) the back-end lacks, listing them; nothing is posted', async () => {
    const lacking = await fake({ missingProcesses: ['ndvi', 'eq'] });
    const remote = await session(lacking);
    const error = await rejection(prepareProcess(ndviComposite(), new BackendCatalog(remote), remote.backend));
    expect(error).toMatchObject({ reason: 'unsupported_processes', missing: ['eq', 'ndvi'], code: 'unprocessable' });
    expect(error.message).toMatch(/does not offer the processes eq, ndvi/);
    expect(error.toBody().error).toMatchObject({ reason: 'unsupported_processes', backend: 'fake', missing: ['eq', 'ndvi'] });
    expect(postedJobs(lacking)).toEqual([]);
  });

  it('reads every /processes page of a paginating back-end (js-client\'s listProcesses reads only the first)', async () => {
    const paged = await fake({ processPageSize: 8, missingProcesses: ['neq'] });
    const remote = await session(paged);
    const ids = await new BackendCatalog(remote).processIds();
    expect(ids.has('save_result')).toBe(true); // on the last page
    expect(ids.has('neq')).toBe(false);
    const pages = paged.requests.filter((request) => request.path === '/openeo/1.2/processes');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.slice(1).every((request) => request.query.offset !== undefined)).toBe(true);
    const error = await rejection(prepareProcess(ndviComposite([LANDSAT]), new BackendCatalog(remote), remote.backend));
    expect(error).toMatchObject({ reason: 'unsupported_processes', missing: ['neq'] });
    await expect(prepareProcess(ndviComposite([SENTINEL_2]), new BackendCatalog(remote), remote.backend)).resolves.toBeDefined();
  });

  it('refuses an output format the back-end does not write', async () => {
    const remote = await session(cdse);
    const error = await rejection(prepareProcess(ndviComposite([SENTINEL_2], 'netCDF'), new BackendCatalog(remote), remote.backend));
    expect(error.reason).toBe('unsupported_format');
    expect(error.message).toContain('netCDF');
    expect(error.message).toContain('GTIFF');
    await expect(prepareProcess(ndviComposite([SENTINEL_2], 'gtiff'), new BackendCatalog(remote), remote.backend)).resolves.toBeDefined();
  });
});
