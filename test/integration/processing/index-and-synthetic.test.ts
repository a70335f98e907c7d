/**
 * `index` jobs (named indices and free expressions) and NDVI options, on a GDAL-made synthetic
 * pair (EPSG:32633, 10 m, 1300 × 900 UInt16 COGs with a nodata hole in red and a nodata strip in
 * nir; no SCL, so no cloud mask): compared pixel by pixel with GDAL + numpy, plus a bbox crop that
 * is not aligned to the 512-pixel tiles and a coarser `resolution` that reads the COG overview.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessingParams } from '../../../electron/service/processing';
import { compareWithGdal, gdalinfo, samePixels, validateCog, type ReferenceScene } from './helpers/gdal-check';
import { runToFile, useProcessingRig } from './helpers/processing-rig';
import { PUCALLPA_2020, SYNTHETIC_SCENE } from './helpers/test-scenes';

const rig = useProcessingRig();

function synthetic(overview?: number): ReferenceScene {
  const band = (name: 'red' | 'nir') => ({ path: rig.env.cogs.synthetic[name].path, scale: 0.0001, offset: 0, nodata: 0, overview_level: overview });
  return { bands: { nir: band('nir'), red: band('red') } };
}

describe('index jobs on the synthetic pair', () => {
  it('a free expression (generic evaluator) matches numpy within 1e-6, NaN on both nodata regions', async () => {
    const expression = '2.5 * (nir - red) / (nir + 6 * red + 1)';
    const { job, path } = await runToFile(rig.env.svc, { type: 'index', scene: SYNTHETIC_SCENE, expression }, rig.work, 'expression');
    const report = await compareWithGdal({ result: path, expression, scenes: { scene: synthetic() } }, rig.work);
    console.log('[processing] synthetic expression', JSON.stringify(report.band1));
    expect(report.band1.nan_mismatches).toBe(0);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
    expect(1300 * 900 - report.band1.valid_ref).toBe(40 * 100 + 10 * 900); // the red hole and the nir strip do not overlap
    expect(job.params).toMatchObject({ request: { expression, index: null } });
    expect((await validateCog(path)).valid).toBe(true);
  });

  it('index "ndvi" equals the ndvi job, and the scene without SCL is processed unmasked (and says so)', async () => {
    const a = await runToFile(rig.env.svc, { type: 'index', scene: SYNTHETIC_SCENE, index: 'ndvi' }, rig.work, 'index-ndvi');
    const b = await runToFile(rig.env.svc, { type: 'ndvi', scene: SYNTHETIC_SCENE }, rig.work, 'ndvi');
    const [sa, sb] = [a.job.result!.stats!, b.job.result!.stats!];
    expect([sa.min, sa.max, sa.valid_fraction]).toEqual([sb.min, sb.max, sb.valid_fraction]);
    expect(sa.mean).toBeCloseTo(sb.mean!, 12); // tiles finish, and are summed, in any order
    expect(await samePixels(a.path, b.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true] });
    const report = await compareWithGdal({ result: a.path, expression: '(nir - red) / (nir + red)', scenes: { scene: synthetic() } }, rig.work);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
    expect(report.band1.nan_mismatches).toBe(0);
    const plan = (a.job.params as ProcessingParams).plan;
    expect(plan.scenes[0].mask).toBeNull();
    expect(plan.scenes[0].mask_note).toMatch(/no SCL or QA_PIXEL/);
    for (const file of [a.path, b.path]) expect((await validateCog(file)).valid).toBe(true);
  });

  it('index "ndwi" on the Pucallpa export reads green and nir from its one 4-band asset', async () => {
    const { path } = await runToFile(rig.env.svc, { type: 'index', scene: PUCALLPA_2020, index: 'ndwi', mask_clouds: false }, rig.work, 'ndwi');
    const file = rig.env.cogs.pucallpa['2020'].path;
    const report = await compareWithGdal({
      result: path, expression: '(green - nir) / (green + nir)',
      scenes: { scene: { bands: { green: { path: file, band: 4, nodata: 0 }, nir: { path: file, band: 2, nodata: 0 } } } },
    }, rig.work);
    expect(report.band1.nan_mismatches).toBe(0);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
    expect((await validateCog(path)).valid).toBe(true);
  });
});

describe('NDVI options on the synthetic pair', () => {
  it('bbox: the output is the scene grid cropped to the box (snapped outward to whole pixels), values as GDAL', async () => {
    const bbox = [15.03, 50.49, 15.12, 50.53];
    const { job, path } = await runToFile(rig.env.svc, { type: 'ndvi', scene: SYNTHETIC_SCENE, bbox }, rig.work, 'bbox');
    const info = await gdalinfo(path);
    const [x0, w, , y0, , h] = info.geoTransform;
    // Same lattice as the source (origin 500000, 5600000; 10 m), inside it, and not 512-aligned.
    expect([w, h]).toEqual([10, -10]);
    expect((x0 - 500000) % 10).toBe(0);
    expect((5600000 - y0) % 10).toBe(0);
    expect((x0 - 500000) / 10 % 512).not.toBe(0);
    expect(info.size[0]).toBeLessThan(1300);
    expect(info.size[1]).toBeLessThan(900);
    const [west, south, east, north] = job.result!.bbox as number[];
    expect(west).toBeLessThanOrEqual(bbox[0] + 1e-3);
    expect(east).toBeGreaterThanOrEqual(bbox[2] - 1e-3);
    expect(south).toBeLessThanOrEqual(bbox[1] + 1e-3);
    expect(north).toBeGreaterThanOrEqual(bbox[3] - 1e-3);
    const report = await compareWithGdal({ result: path, expression: '(nir - red) / (nir + red)', scenes: { scene: synthetic() } }, rig.work);
    expect(report.band1.nan_mismatches).toBe(0);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
    expect((await validateCog(path)).valid).toBe(true);
  });

  it('resolution: 20 m reads the first overview of each COG, not the full-resolution tiles', async () => {
    const { job, path } = await runToFile(rig.env.svc, { type: 'ndvi', scene: SYNTHETIC_SCENE, resolution: 20 }, rig.work, 'res20');
    const plan = (job.params as ProcessingParams).plan;
    expect([plan.grid.width, plan.grid.height]).toEqual([650, 450]);
    expect(plan.scenes[0].bands.map((band) => band.image_index)).toEqual([1, 1]);
    const report = await compareWithGdal({ result: path, expression: '(nir - red) / (nir + red)', scenes: { scene: synthetic(0) } }, rig.work);
    console.log('[processing] synthetic 20 m from overviews', JSON.stringify(report.band1));
    expect(report.band1.nan_mismatches).toBe(0);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
    expect((await validateCog(path)).valid).toBe(true);
  });
});
