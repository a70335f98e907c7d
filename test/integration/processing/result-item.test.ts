/**
 * GET /api/v1/jobs/{id}/item: the STAC Item of a processing result — valid against the STAC
 * 1.0.0 schemas of everything it declares (projection, raster, processing, classification), with
 * asset `result` → result.tif, and a recipe complete enough to re-run the job: the POST body it
 * records, sent again, yields the same pixels.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StacItem } from '../../../electron/service/stac/types';
import { ASTRA_VERSION } from '../../../electron/service/version';
import { validateStacItem } from '../../helpers/stac-validator';
import { samePixels, validateCog } from './helpers/gdal-check';
import { runToFile, submit, useProcessingRig, waitJob } from './helpers/processing-rig';
import { PUCALLPA_1985, PUCALLPA_2020, S2_SCENE } from './helpers/test-scenes';

const rig = useProcessingRig();

async function itemOf(id: string): Promise<StacItem> {
  const response = await rig.env.svc.api(`/api/v1/jobs/${id}/item`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/application\/geo\+json/);
  return (await response.json()) as StacItem;
}

describe('the STAC item of an NDVI result', () => {
  it('is a valid STAC item recording the inputs, radiometry, mask and software, and its asset is result.tif', async () => {
    const { job, path } = await runToFile(rig.env.svc, { type: 'ndvi', scene: S2_SCENE, bbox: [-11.9, 24.5, -11.3, 25.1] }, rig.work, 'ndvi');
    const item = await itemOf(job.id);
    expect(validateStacItem(item)).toEqual([]);
    expect(item.id).toBe(job.id);
    expect(item.bbox).toEqual(job.result?.bbox);
    expect(item.properties).toMatchObject({
      datetime: '2020-02-19T11:34:25.405000Z',
      'proj:epsg': 32629,
      'proj:shape': [job.result?.height, job.result?.width],
      'processing:software': { 'astra-desktop': ASTRA_VERSION },
      'processing:expression': { format: 'astra-band-math', expression: '(nir - red) / (nir + red)' },
      'astra:mask_clouds': true,
    });
    const [input] = item.properties['astra:inputs'] as Array<Record<string, unknown>>;
    expect(input).toMatchObject({
      role: 'scene',
      scene: S2_SCENE,
      bands: [
        { identifier: 'nir', asset: 'B08', band: 1, common_name: 'nir', scale: 0.0001, offset: 0, nodata: 0 },
        { identifier: 'red', asset: 'B04', band: 1, common_name: 'red', scale: 0.0001, offset: 0, nodata: 0 },
      ],
      mask: { asset: 'SCL', kind: 'scl', invalid_classes: [0, 1, 3, 8, 9, 10] },
    });
    expect(item.properties['processing:lineage']).toMatch(/B08 × 0\.0001 \+ 0/);
    const asset = item.assets.result;
    expect(asset.href).toBe(`${rig.env.svc.url}/api/v1/jobs/${job.id}/result.tif`);
    expect(asset.type).toBe('image/tiff; application=geotiff; profile=cloud-optimized');
    expect(asset['raster:bands']?.[0]).toMatchObject({ data_type: 'float32', nodata: 'nan' });
    expect(item.links.find((link) => link.rel === 'derived_from')?.href).toBe(`${rig.env.svc.url}/api/v1/scenes/${encodeURIComponent(S2_SCENE)}`);

    // Anyone can re-run it: the recorded body, POSTed again, gives the same pixels.
    const body = (item.properties['astra:job'] as { params: Record<string, unknown> }).params;
    expect(body).toEqual({ type: 'ndvi', scene: S2_SCENE, bbox: [-11.9, 24.5, -11.3, 25.1], mask_clouds: true });
    const again = await runToFile(rig.env.svc, body, rig.work, 'again');
    expect(await samePixels(path, again.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true] });
    const downloaded = join(rig.work, 'via-item.tif');
    writeFileSync(downloaded, Buffer.from(await (await rig.env.svc.api(new URL(asset.href).pathname)).arrayBuffer()));
    expect((await samePixels(path, downloaded)).identical).toEqual([true]);
    for (const file of [path, again.path]) expect((await validateCog(file)).valid).toBe(true);
  });
});

describe('the STAC item of a change result', () => {
  it('describes both scenes, the interval, the threshold and the class band (classification extension)', async () => {
    const id = await submit(rig.env.svc, { type: 'change', before: PUCALLPA_1985, after: PUCALLPA_2020, threshold: 0.25 });
    await waitJob(rig.env.svc, id);
    const item = await itemOf(id);
    expect(validateStacItem(item)).toEqual([]);
    expect(item.properties).toMatchObject({ datetime: null, start_datetime: '1985-07-01T00:00:00Z', end_datetime: '2020-07-01T00:00:00Z', 'astra:threshold': 0.25 });
    expect((item.properties['astra:inputs'] as Array<{ role: string; scene: string }>).map((i) => [i.role, i.scene])).toEqual([['before', PUCALLPA_1985], ['after', PUCALLPA_2020]]);
    const bands = item.assets.result['raster:bands'] as Array<Record<string, unknown>>;
    expect(bands).toHaveLength(2);
    expect(bands[1]['classification:classes']).toEqual([
      { value: -1, name: 'loss', description: 'difference below -0.25' },
      { value: 0, name: 'no_change', description: 'difference within ±0.25' },
      { value: 1, name: 'gain', description: 'difference above 0.25' },
    ]);
  });
});

describe('GET /api/v1/jobs/{id}/item errors', () => {
  it('404 for an unknown job and for one that has not succeeded', async () => {
    expect((await rig.env.svc.api('/api/v1/jobs/job_nope/item')).status).toBe(404);
    rig.env.fake.faults.files.latencyMs = 200;
    try {
      const id = await submit(rig.env.svc, { type: 'ndvi', scene: 'sentinel-2:S2B_33UVR_20240610_0_L2A', resolution: 40 });
      const response = await rig.env.svc.api(`/api/v1/jobs/${id}/item`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/has no result item: it is (queued|running)/);
      await waitJob(rig.env.svc, id);
    } finally {
      rig.env.fake.resetFaults();
    }
  });
});
