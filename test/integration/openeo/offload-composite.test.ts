/**
 * An ASTRA composite job offloaded to the fake remote back-end through the REST API comes back as
 * a cached result like a local one: `"on": "fake"` → the graph mapped to the back-end's names
 * (checked in what the fake received), the remote job followed (status, progress, log lines and
 * the back-end's estimate mirrored into the job's `remote`), its two result files mosaicked into
 * one result.tif that GDAL's validator accepts as a COG and whose pixels are exactly the files'
 * (GDAL's own mosaic of them as reference), a STAC item recording the back-end and remote job, and
 * both served while the app is offline. Renamed collections and bands (Terrascope) are mapped too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StacItem } from '../../../electron/service/stac/types';
import { TERRASCOPE_S2_TOC_V2 } from '../../helpers/fake-openeo';
import { PYTHON, run, validateCog } from '../../helpers/gdal';
import { addBasicBackend, call, COMPOSITE, startOffloadRig, submit, waitJob, type OffloadRig } from './helpers/offload-rig';
import { flatNodes } from './helpers/remote-setup';

const COMPARE = `
import sys, json, numpy as np
from osgeo import gdal
gdal.UseExceptions()
result = gdal.Open(sys.argv[1])
mosaic = gdal.BuildVRT('/vsimem/parts.vrt', sys.argv[2:])
a = result.GetRasterBand(1).ReadAsArray()
b = mosaic.GetRasterBand(1).ReadAsArray()
print(json.dumps({
  'size': [result.RasterXSize, result.RasterYSize], 'reference_size': [mosaic.RasterXSize, mosaic.RasterYSize],
  'geotransform': result.GetGeoTransform(), 'reference_geotransform': mosaic.GetGeoTransform(),
  'equal': bool(a.shape == b.shape and np.array_equal(a, b, equal_nan=True)), 'valid': int(np.count_nonzero(~np.isnan(a))),
  'description': result.GetRasterBand(1).GetDescription(),
}))
`;

let rig: OffloadRig;
let work: string;

beforeAll(async () => {
  rig = await startOffloadRig();
  work = mkdtempSync(join(tmpdir(), 'astra-offload-'));
  await addBasicBackend(rig);
}, 60_000);
afterAll(async () => {
  await rig?.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  expect(rig.backend.contractViolations).toEqual([]);
  rig.resetSteps();
});

describe('a composite job on the fake remote back-end', () => {
  it('comes back as a cached COG result equal to the back-end\'s files, with the remote run mirrored and recorded', async () => {
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.type).toBe('composite');

    // The back-end got the graph in its own names.
    const remoteJob = rig.backend.jobs.all().at(-1)!;
    const nodes = flatNodes(remoteJob.process);
    const load = nodes.find(([process]) => process === 'load_collection')![1];
    expect(load).toMatchObject({ id: 'SENTINEL2_L2A', spatial_extent: { west: 3.0, south: 51.4, east: 3.02, north: 51.41 }, temporal_extent: ['2024-06-01', '2024-09-01'] });
    expect(nodes.map(([process]) => process)).toEqual(expect.arrayContaining(['load_collection', 'mask', 'ndvi', 'reduce_dimension', 'save_result']));

    // The job mirrors the remote run.
    expect(job.remote).toMatchObject({
      backend: 'fake', url: rig.backend.url, job_id: remoteJob.id, status: 'finished', progress: 100,
      estimate: { costs: 12.5, duration: 'PT2H30M', size: 1_200_000_000 },
    });
    expect(job.remote!.logs.map((line) => line.message)).toEqual(['Batch job queued.', 'Processing started.', 'Processing: 50 % done.', 'Batch job finished: 2 result files.']);
    expect(job.progress).toBe(1);
    expect(job.result).toMatchObject({ href: `/api/v1/jobs/${id}/result.tif`, crs: 'EPSG:32631', width: 128, height: 64, bands: ['ndvi'], assets: 2 });
    expect(job.result!.bbox).toHaveLength(4);
    expect(job.result!.stats!.valid_fraction).toBe(1);

    // result.tif: a valid COG with exactly the back-end's pixels, mosaicked.
    const response = await rig.svc.api(job.result!.href!);
    expect(response.status).toBe(200);
    const path = join(work, 'composite.tif');
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    const validation = await validateCog(path);
    expect(validation.valid, validation.output).toBe(true);
    expect(validation.warnings).toEqual([]);
    const { stdout } = await run(PYTHON, ['-c', COMPARE, path, rig.tiles.west, rig.tiles.east]);
    const compared = JSON.parse(stdout) as Record<string, unknown>;
    expect(compared.size).toEqual(compared.reference_size);
    expect(compared.geotransform).toEqual(compared.reference_geotransform);
    expect(compared).toMatchObject({ equal: true, valid: 128 * 64, description: 'ndvi' });

    // The STAC item records where it was made.
    const itemResponse = await rig.svc.api(`/api/v1/jobs/${id}/item`);
    expect(itemResponse.status).toBe(200);
    const item = (await itemResponse.json()) as StacItem;
    expect(item.properties).toMatchObject({
      'openeo:backend': 'fake', 'openeo:backend_url': rig.backend.url, 'openeo:api_url': rig.backend.apiUrl, 'openeo:job_id': remoteJob.id,
      start_datetime: '2024-06-01T00:00:00.000Z', end_datetime: '2024-08-31T23:59:59.999Z', 'proj:epsg': 32631,
      'astra:job': { id, type: 'composite', params: { type: 'composite', on: 'fake', reducer: 'median', index: 'ndvi' } },
    });
    expect(item.assets.result.href).toBe(`${rig.svc.url}/api/v1/jobs/${id}/result.tif`);
    const remote = item.properties['astra:remote'] as { mapping: { collections: unknown[] }; assets: Array<{ href: string }> };
    expect(remote.mapping.collections).toEqual([{ astra: 'sentinel-2.sentinel-2-l2a', remote: 'SENTINEL2_L2A' }]);
    expect(remote.assets.map((asset) => asset.href)).toEqual([`${rig.backend.url}/download/${remoteJob.id}/part-west.tif`, `${rig.backend.url}/download/${remoteJob.id}/part-east.tif`]);
    expect(JSON.stringify(item)).not.toContain('sig=');

    // Offline, the result and its item are still served (from the data dir; nothing is fetched).
    expect((await call(rig.svc, 'PUT', '/api/v1/settings', { offline: true })).status).toBe(200);
    try {
      const before = rig.backend.requests.length;
      const offlineTif = await rig.svc.api(job.result!.href!);
      expect(offlineTif.status).toBe(200);
      expect(Buffer.from(await offlineTif.arrayBuffer()).equals(Buffer.from(await (await rig.svc.api(job.result!.href!)).arrayBuffer()))).toBe(true);
      expect((await rig.svc.api(`/api/v1/jobs/${id}/item`)).status).toBe(200);
      expect(rig.backend.requests.length).toBe(before);
      // …but a new remote job is refused while offline.
      const refused = await call(rig.svc, 'POST', '/api/v1/jobs', { ...COMPOSITE, on: 'fake' });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: { code: 'conflict', parameter: 'on' } });
    } finally {
      await call(rig.svc, 'PUT', '/api/v1/settings', { offline: false });
    }
  });

  it('maps renamed collections and bands (Terrascope) from the back-end\'s /collections', async () => {
    const terrascope = await startOffloadRig({ fake: { collections: [TERRASCOPE_S2_TOC_V2] } });
    try {
      await addBasicBackend(terrascope, 'terrascope');
      const id = await submit(terrascope.svc, { ...COMPOSITE, on: 'terrascope', valid_count: true });
      const job = await waitJob(terrascope.svc, id);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      const received = JSON.stringify(terrascope.backend.jobs.all().at(-1)!.process);
      expect(received).toContain('"TERRASCOPE_S2_TOC_V2"');
      for (const name of ['TOC-B04_10M', 'TOC-B08_10M', 'SCENECLASSIFICATION_20M']) expect(received).toContain(`"${name}"`);
      for (const name of ['"B04"', '"B08"', '"SCL"', 'sentinel-2.sentinel-2-l2a']) expect(received).not.toContain(name);
      // The back-end's single-band files carry no valid_count band: the bands are named generically.
      expect(job.result!.bands).toEqual(['band_1']);
      expect(terrascope.backend.contractViolations).toEqual([]);
    } finally {
      await terrascope.close();
    }
  });

  it('reads one collection per sensor remotely: Sentinel-2 and Landsat, each once, in the back-end\'s names', async () => {
    const id = await submit(rig.svc, { ...COMPOSITE, sources: ['sentinel-2', 'landsat', 'planetary-computer'], on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const loads = flatNodes(rig.backend.jobs.all().at(-1)!.process).filter(([process]) => process === 'load_collection').map(([, args]) => args);
    expect(loads.map((args) => args.id)).toEqual(['SENTINEL2_L2A', 'LANDSAT8-9_L2']);
    expect(loads[1].bands).toEqual(expect.arrayContaining(['BQA']));
    // The job keeps what was asked for.
    expect((job.params as { request: { sources: string[] } }).request.sources).toEqual(['sentinel-2', 'landsat', 'planetary-computer']);
  });
});
