/**
 * Composites (issue 15, spec-15 `type: "composite"`) over the area kit against the GDAL/numpy
 * reference: the output grid (UTM zone of the area's centre, -tap aligned), every pixel within
 * 1e-4, valid-count bands exact, pixels outside a polygon no data, and the scenes used equal to
 * the reference's (the May scene is outside the period, tile 32TMT outside the area, the 25 June
 * pass above cloud_cover_lt 50). The kit's two tiles lie in UTM zones 31 and 32 and overlap:
 * each pass's tiles are mosaicked once (first valid wins, by datetime — on 14 August the 32TLT
 * granule is stamped first), Landsat 9 sits beside Sentinel-2A on 20 July. Grids in a CRS of
 * the EPSG index (ETRS89-LAEA Europe, ETRS89 in degrees) are checked the same way. See
 * test/helpers/area-scenes/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAreaRig, postJob, type AreaRig } from '../../helpers/area-scenes/area-rig';
import { expectJobMatchesReference } from '../../helpers/area-scenes/expect-area';

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const SUMMER = '2024-06-01/2024-08-31';
const both = ['sentinel-2', 'landsat'];
const composite = (body: Record<string, unknown>) => ({ type: 'composite', datetime: SUMMER, ...body });

describe('composite jobs against gdalwarp + numpy', () => {
  it('median NDVI over the two-zone area: every pixel, the exact valid-count band, the scenes and observations used', async () => {
    const { bbox } = rig.kit.manifest.aois;
    const body = composite({ aoi: bbox, sources: ['sentinel-2'], index: 'ndvi', reducer: 'median', valid_count: true });
    const reference = await rig.reference(body, 'preview-median');
    const preview = await rig.svc.api('/api/v1/jobs/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(preview.status).toBe(200);
    const planned = (await preview.json()) as { scenes: string[]; observations: number; grid: { crs: string; width: number; height: number; resolution: number } };
    expect([...planned.scenes].sort()).toEqual(reference.meta.scenes);
    expect(planned.observations).toBe(reference.meta.observations);
    expect(planned.grid).toMatchObject({ crs: 'EPSG:32631', width: reference.meta.grid.width, height: reference.meta.grid.height, resolution: 10 });

    const { job } = await expectJobMatchesReference(rig, body, 'median-ndvi');
    expect(job.result?.observations).toBe(reference.meta.observations);
    const used = job.result?.scenes as string[];
    expect(used.some((id) => id.includes('32TLT')) && used.some((id) => id.includes('31TGN'))).toBe(true);
    expect(used.some((id) => id.includes('20240521') || id.includes('32TMT'))).toBe(false);
    const item = (await (await rig.svc.api(`/api/v1/jobs/${job.id}/item`)).json()) as unknown;
    const text = JSON.stringify(item);
    for (const id of reference.meta.scenes) expect(text).toContain(id);
    expect(text).toMatch(/median/);
    // Each input names the upstream collection its scene came from.
    const inputs = (item as { properties: { 'astra:inputs': Array<{ scene: string; collection: string | null }> } }).properties['astra:inputs'];
    for (const input of inputs) expect(input.collection, input.scene).toMatch(/^sentinel-2-(c1-)?l2a$/);
  }, 180_000);

  it('true-colour bands composite (median per band) from Sentinel-2 and Landsat', async () => {
    await expectJobMatchesReference(rig, composite({ aoi: rig.kit.manifest.aois.bbox, sources: both, bands: ['red', 'green', 'blue'], reducer: 'median', valid_count: true }), 'rgb-median');
  }, 180_000);

  it('max_ndvi: every band from the observation with the highest NDVI', async () => {
    await expectJobMatchesReference(rig, composite({ aoi: rig.kit.manifest.aois.bbox, sources: ['sentinel-2'], bands: ['red', 'green', 'blue'], reducer: 'max_ndvi', valid_count: true }), 'max-ndvi');
  }, 180_000);

  it('a polygon with a hole, centred in UTM 32: its grid in EPSG:32632 and every pixel outside it no data', async () => {
    const { report, reference } = await expectJobMatchesReference(rig, composite({ aoi: rig.kit.manifest.aois.polygon, sources: both, index: 'ndvi', reducer: 'mean', valid_count: true }), 'polygon-mean');
    expect(reference.meta.grid.epsg).toBe(32632);
    const pixels = reference.meta.grid.width * reference.meta.grid.height;
    // Outside the polygon (and in its hole) every band is no data, the count band included.
    for (const band of report.bands) expect(band.valid_ours).toBeLessThanOrEqual(reference.meta.inside_pixels);
    expect(reference.meta.inside_pixels).toBeLessThan(pixels);
  }, 180_000);

  it('harmonize "hls": Landsat 9 OLI adjusted to Sentinel-2A MSI before the median, recorded in the STAC item', async () => {
    const { job } = await expectJobMatchesReference(rig, composite({ aoi: rig.kit.manifest.aois.bbox, sources: both, index: 'ndvi', reducer: 'median', harmonize: 'hls' }), 'hls-median');
    expect((job.result?.scenes as string[]).some((id) => id.startsWith('landsat:'))).toBe(true);
    const item = JSON.stringify(await (await rig.svc.api(`/api/v1/jobs/${job.id}/item`)).json());
    expect(item).toMatch(/hls/i);
    // The red coefficients as published (a = 0.9765) or as applied (1/a = 1.02406…).
    expect(item).toMatch(/0\.9765|1\.02406/);
  }, 180_000);

  it.each([
    ['mean', {}], ['min', {}], ['max', {}], ['first', { cloud_cover_lt: 50 }], ['last', { cloud_cover_lt: 50 }],
    ['count', {}], ['median', { mask_clouds: false }],
  ] as const)('reducer %s %j over the field astride the zone boundary', async (reducer, more) => {
    await expectJobMatchesReference(rig, composite({ aoi: rig.kit.manifest.aois.field, sources: both, index: 'ndvi', reducer, ...more }), `field-${reducer}-${Object.keys(more).join('-')}`);
  }, 180_000);

  it('an expression composite at 20 m in a CRS that is asked for', async () => {
    const body = composite({ aoi: rig.kit.manifest.aois.bbox, sources: ['sentinel-2'], expression: '(nir - red) / (nir + red + 0.5) * 1.5', reducer: 'median', crs: 'EPSG:32632', resolution: 20 });
    const { reference } = await expectJobMatchesReference(rig, body, 'expression-20m');
    expect([reference.meta.grid.epsg, reference.meta.grid.resolution]).toEqual([32632, 20]);
    expect((await postJob(rig.svc, { ...body, resolution: 0 })).status).toBe(400);
  }, 180_000);

  it('true colour in ETRS89-LAEA Europe (EPSG:3035, from the EPSG index): every pixel, the valid count, the STAC item', async () => {
    const body = composite({ aoi: rig.kit.manifest.aois.bbox, sources: both, bands: ['red', 'green', 'blue'], reducer: 'median', valid_count: true, crs: 'EPSG:3035' });
    const { job, reference } = await expectJobMatchesReference(rig, body, 'laea-rgb-median');
    expect([reference.meta.grid.epsg, reference.meta.grid.resolution]).toEqual([3035, 10]);
    const item = (await (await rig.svc.api(`/api/v1/jobs/${job.id}/item`)).json()) as { properties: Record<string, unknown> };
    expect(item.properties['proj:epsg']).toBe(3035);
  }, 180_000);

  it('median NDVI in Lambert-93 (EPSG:2154, from the EPSG index) over the polygon', async () => {
    const body = composite({ aoi: rig.kit.manifest.aois.polygon, sources: both, index: 'ndvi', reducer: 'median', valid_count: true, crs: 'EPSG:2154' });
    const { reference } = await expectJobMatchesReference(rig, body, 'lambert93-ndvi-median');
    expect([reference.meta.grid.epsg, reference.meta.grid.resolution]).toEqual([2154, 10]);
  }, 180_000);
});
