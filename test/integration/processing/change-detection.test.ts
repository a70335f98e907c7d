/**
 * Change detection end to end, compared pixel by pixel with GDAL + numpy:
 * - the Pucallpa pair (1985 → 2020): what these files are — 4-band 8-bit stretched Landsat exports
 *   (1 SWIR1, 2 NIR, 3 Red, 4 Green), EPSG:4326, 0.000808° (~90 m), nodata 0, identical grids — so
 *   `index: ndvi` means (NIR − Red) / (NIR + Red) on those stretched DN (no radiometric scale: they
 *   are not reflectance); the items say so with eo:bands common names and raster:bands without
 *   scale/offset. Checked against ndvi-reference.json (gdal_calc) too.
 * - across two UTM zones: the Sentinel-2 29RKH tile (EPSG:32629) as `after` and the same tile
 *   warped by gdalwarp into EPSG:32628 as `before`: the before scene is warped back onto the after
 *   grid by the workers (bilinear reflectance, nearest SCL) and compared with gdalwarp -et 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithGdal, epsgOf, gdalinfo, validateCog, type ReferenceScene } from './helpers/gdal-check';
import { runToFile, useProcessingRig } from './helpers/processing-rig';
import { FIXTURES, PUCALLPA_1985, PUCALLPA_2020, S2_DIR, S2_SCENE, S2_ZONE28_SCENE } from './helpers/test-scenes';

const NDVI = '(nir - red) / (nir + red)';
const rig = useProcessingRig();

const pucallpa = (year: '1985' | '2020'): ReferenceScene => ({
  bands: {
    nir: { path: join(FIXTURES, 'landsat_pucallpa_change-pair', `${year}.tif`), band: 2, nodata: 0 },
    red: { path: join(FIXTURES, 'landsat_pucallpa_change-pair', `${year}.tif`), band: 3, nodata: 0 },
  },
});

describe('change detection on the Pucallpa pair (1985 → 2020)', () => {
  it('band 1 = NDVI(2020) − NDVI(1985) and band 2 = −1/0/+1 at ±0.2, as GDAL + numpy, on the files\' own grid', async () => {
    const { job, path } = await runToFile(rig.env.svc, { type: 'change', before: PUCALLPA_1985, after: PUCALLPA_2020 }, rig.work, 'pucallpa');
    const report = await compareWithGdal({ result: path, expression: NDVI, scenes: { before: pucallpa('1985'), after: pucallpa('2020') }, threshold: 0.2 }, rig.work);
    console.log('[processing] Pucallpa change', JSON.stringify(report), JSON.stringify(job.result?.stats));
    expect(report.band1.nan_mismatches).toBe(0);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
    expect(report.band2?.nan_mismatches).toBe(0);
    expect(report.class_mismatches_not_at_threshold).toBe(0);

    const reference = JSON.parse(readFileSync(join(FIXTURES, 'ndvi-reference.json'), 'utf8'))['landsat_pucallpa_change-pair'];
    expect([report.width, report.height]).toEqual([697, 377]);
    expect(report.band1.valid_ours).toBe(reference.ndvi_diff_2020_minus_1985_stats.valid_pixels);
    expect(job.result?.stats?.min).toBeCloseTo(reference.ndvi_diff_2020_minus_1985_stats.min, 6);
    expect(job.result?.stats?.max).toBeCloseTo(reference.ndvi_diff_2020_minus_1985_stats.max, 6);
    expect(job.result?.stats?.mean).toBeCloseTo(reference.ndvi_diff_2020_minus_1985_stats.mean, 6);
    // Classes come from the stored float32 difference (so band 2 is exactly band 1 thresholded);
    // the float64 references differ only on pixels whose difference is ±threshold up to rounding
    // (8-bit DN make exact rational ties common), which class_mismatches counts.
    expect(report.class_mismatches).toBeLessThanOrEqual(20);
    const stats = job.result!.stats!;
    const offBy = (ours: unknown, theirs: number) => Math.abs((ours as number) - theirs);
    expect(offBy(stats.loss_pixels, reference.diff_pixels_below_minus_0_2) + offBy(stats.gain_pixels, reference.diff_pixels_above_0_2)).toBeLessThanOrEqual(report.class_mismatches!);
    expect(offBy(stats.loss_pixels, report.ref_loss!) + offBy(stats.gain_pixels, report.ref_gain!)).toBeLessThanOrEqual(report.class_mismatches!);
    // ~90 m pixels near 8.4°S: 0.000808° ≈ 89.9 m × 89.0 m ≈ 0.80 ha each.
    const hectaresPerPixel = (job.result!.stats!.loss_hectares as number) / (job.result!.stats!.loss_pixels as number);
    expect(hectaresPerPixel).toBeGreaterThan(0.78);
    expect(hectaresPerPixel).toBeLessThan(0.82);

    const info = await gdalinfo(path);
    expect(epsgOf(info)).toBe(4326);
    expect(info.bands.map((b) => b.description)).toEqual(['ndvi_difference', 'change_class']);
    expect((await validateCog(path)).valid).toBe(true);
  });

  it('reports gain and loss for a threshold the caller chooses', async () => {
    const { job, path } = await runToFile(rig.env.svc, { type: 'change', before: PUCALLPA_1985, after: PUCALLPA_2020, threshold: 0.5 }, rig.work, 'pucallpa-05');
    const report = await compareWithGdal({ result: path, expression: NDVI, scenes: { before: pucallpa('1985'), after: pucallpa('2020') }, threshold: 0.5 }, rig.work);
    expect(report.class_mismatches_not_at_threshold).toBe(0);
    const stats = job.result!.stats!;
    expect(Math.abs((stats.loss_pixels as number) - report.ref_loss!) + Math.abs((stats.gain_pixels as number) - report.ref_gain!)).toBeLessThanOrEqual(report.class_mismatches!);
    expect(report.ref_loss).toBeLessThan(22_624);
    expect(report.ref_loss).toBeGreaterThan(1000);
    expect((await validateCog(path)).valid).toBe(true);
  });
});

const s2 = (dir: string, files: { red: string; nir: string; scl: string }): ReferenceScene => ({
  bands: {
    nir: { path: join(dir, files.nir), scale: 0.0001, offset: 0, nodata: 0 },
    red: { path: join(dir, files.red), scale: 0.0001, offset: 0, nodata: 0 },
  },
  mask: { path: join(dir, files.scl), kind: 'scl', classes: [0, 1, 3, 8, 9, 10] },
});

describe('change detection across two UTM zones', () => {
  it('warps the EPSG:32628 scene onto the EPSG:32629 grid and matches gdalwarp + numpy', async () => {
    const { job, path } = await runToFile(rig.env.svc, { type: 'change', before: S2_ZONE28_SCENE, after: S2_SCENE }, rig.work, 'zones');
    const zone28 = rig.env.cogs.zone28;
    const before: ReferenceScene = {
      bands: {
        nir: { path: zone28.B08.path, scale: 0.0001, offset: 0, nodata: 0 },
        red: { path: zone28.B04.path, scale: 0.0001, offset: 0, nodata: 0 },
      },
      mask: { path: zone28.SCL.path, kind: 'scl', classes: [0, 1, 3, 8, 9, 10] },
    };
    const after = s2(S2_DIR, { red: 'B04.tif', nir: 'B08.tif', scl: 'SCL.tif' });
    const report = await compareWithGdal({ result: path, expression: NDVI, scenes: { before, after }, threshold: 0.2 }, rig.work);
    console.log('[processing] cross-zone change', JSON.stringify(report), JSON.stringify(job.result?.stats));
    const pixels = report.width * report.height;
    expect(job.result?.crs).toBe('EPSG:32629');
    expect(report.band1.valid_ref).toBeGreaterThan(0.5 * pixels);
    // Our warp places pixel centres within 0.05 source pixels of the exact projection (like GDAL's
    // default approximate transformer) where the reference is exact (-et 0): a few nodata edge
    // pixels may flip, and bilinear values differ by a fraction of a neighbour difference.
    expect(report.band1.nan_mismatches).toBeLessThanOrEqual(0.001 * pixels);
    expect(report.band1.p999_abs_diff).toBeLessThanOrEqual(2e-3);
    expect(report.band1.max_abs_diff).toBeLessThanOrEqual(0.05);
    expect(Math.abs(job.result!.stats!.mean! - report.band1.ref_mean!)).toBeLessThanOrEqual(1e-4);
    expect((await validateCog(path)).valid).toBe(true);
  });
});
