/**
 * NDVI jobs on the REAL fixture rasters, end to end: POST /api/v1/jobs → poll → result.tif, the
 * bands read by the workers through the service's COG proxy from the fake upstream, compared
 * pixel by pixel with the same NDVI computed independently by GDAL + numpy (float64):
 * - Sentinel-2 L2A 29RKH (B04, B08, SCL at half resolution; raster:bands scale 0.0001 offset 0);
 * - Landsat 8 C2 L2 (SR_B4, SR_B5, QA_PIXEL; scale 2.75e-5 offset −0.2, served as COGs);
 * each with and without cloud masking. Every result must pass GDAL's COG validator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithGdal, epsgOf, gdalinfo, validateCog, type ReferenceScene } from './helpers/gdal-check';
import { runToFile, useProcessingRig } from './helpers/processing-rig';
import { FIXTURES, LANDSAT_SCENE, S2_DIR, S2_SCENE } from './helpers/test-scenes';

const NDVI = '(nir - red) / (nir + red)';
const rig = useProcessingRig();

const s2Scene = (mask: boolean): ReferenceScene => ({
  bands: {
    nir: { path: join(S2_DIR, 'B08.tif'), scale: 0.0001, offset: 0, nodata: 0 },
    red: { path: join(S2_DIR, 'B04.tif'), scale: 0.0001, offset: 0, nodata: 0 },
  },
  mask: mask ? { path: join(S2_DIR, 'SCL.tif'), kind: 'scl', classes: [0, 1, 3, 8, 9, 10] } : null,
});

describe('NDVI of the Sentinel-2 L2A fixture through the service', () => {
  for (const maskClouds of [true, false]) {
    it(`matches GDAL + numpy within 1e-6 with identical nodata (mask_clouds: ${maskClouds})`, async () => {
      const { job, path } = await runToFile(rig.env.svc, { type: 'ndvi', scene: S2_SCENE, mask_clouds: maskClouds }, rig.work, `s2-${maskClouds}`);
      const report = await compareWithGdal({ result: path, expression: NDVI, scenes: { scene: s2Scene(maskClouds) } }, rig.work);
      console.log(`[processing] S2 NDVI mask=${maskClouds}`, JSON.stringify(report.band1), 'stats', JSON.stringify(job.result?.stats));
      expect(report.band1.nan_mismatches).toBe(0);
      expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
      expect(report.band1.valid_ref).toBeGreaterThan(0.5 * 1098 * 1098);
      const info = await gdalinfo(path);
      expect(info.size).toEqual([1098, 1098]);
      expect(epsgOf(info)).toBe(32629);
      expect((await validateCog(path)).valid).toBe(true);
      expect(job.result).toMatchObject({ crs: 'EPSG:32629', width: 1098, height: 1098 });
      expect(job.result?.stats?.valid_fraction).toBeCloseTo(report.band1.valid_ref / (1098 * 1098), 9);
      expect(job.result?.stats?.mean).toBeCloseTo(report.band1.ref_mean!, 6);
    });
  }
});

const landsatFile = (band: string) => join(FIXTURES, 'landsat-c2-l2_LC08_L2SP_008059_20191201', `LC08_L2SP_008059_20191201_20200825_02_T1_${band}.TIF`);

describe('NDVI of the Landsat 8 C2 L2 fixture through the service', () => {
  for (const maskClouds of [true, false]) {
    it(`matches GDAL + numpy within 1e-6 with identical nodata (mask_clouds: ${maskClouds})`, async () => {
      const { job, path } = await runToFile(rig.env.svc, { type: 'ndvi', scene: LANDSAT_SCENE, mask_clouds: maskClouds }, rig.work, `landsat-${maskClouds}`);
      const scene: ReferenceScene = {
        bands: {
          nir: { path: landsatFile('SR_B5'), scale: 2.75e-5, offset: -0.2, nodata: 0 },
          red: { path: landsatFile('SR_B4'), scale: 2.75e-5, offset: -0.2, nodata: 0 },
        },
        mask: maskClouds ? { path: landsatFile('QA_PIXEL'), kind: 'landsat-qa', bits: 0b11111 } : null,
      };
      const report = await compareWithGdal({ result: path, expression: NDVI, scenes: { scene } }, rig.work);
      console.log(`[processing] Landsat NDVI mask=${maskClouds}`, JSON.stringify(report.band1), 'stats', JSON.stringify(job.result?.stats));
      expect(report.band1.nan_mismatches).toBe(0);
      expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
      expect((await validateCog(path)).valid).toBe(true);
      if (!maskClouds) {
        // ndvi-reference.json (GDAL 3.6 gdal_calc, float64): nodata-only statistics of this scene.
        const reference = JSON.parse(readFileSync(join(FIXTURES, 'ndvi-reference.json'), 'utf8'))['landsat-c2-l2_LC08_L2SP_008059_20191201'].ndvi_reflectance_stats;
        expect(report.band1.valid_ours).toBe(reference.valid_pixels);
        expect(job.result?.stats?.max).toBeCloseTo(reference.max, 5);
        expect(job.result?.stats?.mean).toBeCloseTo(reference.mean, 6);
      }
    });
  }
});
