/**
 * A single-scene NDVI job offloaded to the fake remote back-end: the graph gets the scene's
 * collection, acquisition day and footprint from its STAC item (through the items cache), in the
 * back-end's names; the result comes back as result.tif (a valid COG) with the item recording the
 * remote job; an index job with an expression maps its bands too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StacItem } from '../../../electron/service/stac/types';
import { validateCog } from '../../helpers/gdal';
import { addBasicBackend, S2_SCENE, startOffloadRig, submit, waitJob, type OffloadRig } from './helpers/offload-rig';
import { flatNodes } from './helpers/remote-setup';

let rig: OffloadRig;
let work: string;

beforeAll(async () => {
  rig = await startOffloadRig();
  work = mkdtempSync(join(tmpdir(), 'astra-offload-scene-'));
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

describe('a single-scene job on the fake remote back-end', () => {
  it('NDVI of one scene: its day and footprint from the STAC item, mapped names, a COG result recording the remote job', async () => {
    const scene = (await (await rig.svc.api(`/api/v1/scenes/${S2_SCENE}`)).json()) as StacItem;
    const id = await submit(rig.svc, { type: 'ndvi', scene: S2_SCENE, on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');

    const remoteJob = rig.backend.jobs.all().at(-1)!;
    const load = flatNodes(remoteJob.process).find(([process]) => process === 'load_collection')![1];
    const [w, s, e, n] = scene.bbox!;
    expect(load).toMatchObject({ id: 'SENTINEL2_L2A', temporal_extent: ['2020-02-19', '2020-02-20'], spatial_extent: { west: w, south: s, east: e, north: n } });
    expect(load.bands).toEqual(expect.arrayContaining(['B04', 'B08', 'SCL']));

    expect(job.result).toMatchObject({ href: `/api/v1/jobs/${id}/result.tif`, bands: ['ndvi'], width: 128, height: 64 });
    const path = join(work, 'ndvi.tif');
    writeFileSync(path, Buffer.from(await (await rig.svc.api(job.result!.href!)).arrayBuffer()));
    expect((await validateCog(path)).valid).toBe(true);

    const item = (await (await rig.svc.api(`/api/v1/jobs/${id}/item`)).json()) as StacItem;
    expect(item.properties).toMatchObject({ datetime: scene.properties.datetime, 'openeo:backend': 'fake', 'openeo:job_id': remoteJob.id });
    expect(item.properties['astra:job']).toMatchObject({ type: 'ndvi', params: { scene: S2_SCENE, on: 'fake' } });
  });

  it('an index job with an expression: the bands it reads are mapped', async () => {
    const id = await submit(rig.svc, { type: 'index', scene: S2_SCENE, expression: '(B08 - B11) / (B08 + B11)', bbox: [-9.1, 30.5, -9.0, 30.6], on: 'fake' });
    const job = await waitJob(rig.svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const nodes = flatNodes(rig.backend.jobs.all().at(-1)!.process);
    expect(nodes.find(([process]) => process === 'load_collection')![1]).toMatchObject({ spatial_extent: { west: -9.1, south: 30.5, east: -9.0, north: 30.6 } });
    const labels = nodes.filter(([process]) => process === 'array_element').map(([, args]) => args.label);
    expect(labels).toEqual(expect.arrayContaining(['B08', 'B11']));
    expect(job.result!.bands).toEqual(['value']);
  });

  it('an unknown scene is 404 before anything goes to the back-end', async () => {
    const before = rig.backend.jobs.all().length;
    const response = await rig.svc.api('/api/v1/jobs', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ndvi', scene: 'sentinel-2:S2A_NOPE_20200219_0_L2A', on: 'fake' }),
    });
    expect(response.status).toBe(404);
    expect(rig.backend.jobs.all().length).toBe(before);
  });
});
