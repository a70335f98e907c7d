/**
 * NDVI on the real Sentinel-2 and Landsat fixtures through the worker math (radiometry → masks →
 * expression), compared with an independent GDAL + numpy computation of the same product.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileExpression, parseExpression } from '../../../workers/lib/expression';
import { INDICES } from '../../../workers/lib/indices';
import { applyInvalidMask, landsatQaInvalidMask, sclInvalidMask } from '../../../workers/lib/masks';
import { applyRadiometry } from '../../../workers/lib/radiometry';
import { finalizeStats, partialStats } from '../../../workers/lib/stats';
import { compareFloatArrays } from './helpers/compare-float32';
import { FIXTURES, LANDSAT_SCENE, readLandsat, readSentinel2, S2_SCENE } from './helpers/fixture-scenes';
import { readFloat32File, runGdalPython } from './helpers/run-gdal';

const work = mkdtempSync(join(tmpdir(), 'astra-ndvi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ndviExpression = compileExpression(parseExpression(INDICES.ndvi.expression));

/** GDAL's NDVI computed in float64 from float64 reflectance, and from float32-rounded reflectance. */
async function gdalNdvi(sensor: 's2' | 'landsat', scene: string): Promise<Record<'float64' | 'float32-reflectance', Float32Array>> {
  const prefix = join(work, sensor);
  await runGdalPython('ndvi-reference.py', [sensor, scene, prefix]);
  return {
    float64: await readFloat32File(`${prefix}-float64.f32`),
    'float32-reflectance': await readFloat32File(`${prefix}-float32-reflectance.f32`),
  };
}

describe('NDVI on the Sentinel-2 L2A fixture (B04, B08, SCL)', async () => {
  const { bands, scl } = await readSentinel2(INDICES.ndvi.bands);
  const { width, height } = bands.red.grid;
  const nir = applyRadiometry(bands.nir.data, bands.nir.scaling);
  const red = applyRadiometry(bands.red.data, bands.red.scaling);
  const unmasked = ndviExpression({ nir, red });
  const cloudMask = sclInvalidMask(scl.data, scl.grid, { width, height });
  const masked = applyInvalidMask(ndviExpression({ nir, red }), cloudMask);

  it('reads B08 for nir and B04 for red from the STAC item', () => {
    expect([bands.nir.asset, bands.red.asset]).toEqual(['B08.tif', 'B04.tif']);
    expect(bands.red.scaling).toMatchObject({ scale: 0.0001, offset: 0, nodata: 0 });
  });

  it('matches GDAL + numpy within 1e-6 with identical nodata sets', async () => {
    for (const [variant, reference] of Object.entries(await gdalNdvi('s2', S2_SCENE))) {
      const comparison = compareFloatArrays(masked, reference);
      console.log(`[ndvi] S2 vs GDAL (${variant}):`, comparison);
      expect(comparison.nanMismatches).toBe(0);
      expect(comparison.maxAbsDiff).toBeLessThanOrEqual(1e-6);
    }
  });

  it('agrees with ndvi-reference.json (unmasked stats and sample pixels)', () => {
    const reference = JSON.parse(readFileSync(join(FIXTURES, 'ndvi-reference.json'), 'utf8'))['sentinel-2-l2a_S2A_29RKH_20200219'];
    const stats = partialStats(unmasked);
    expect(stats.validCount).toBe(reference.ndvi_stats.valid_pixels);
    expect(stats.min).toBeCloseTo(reference.ndvi_stats.min, 6);
    expect(stats.max).toBeCloseTo(reference.ndvi_stats.max, 6);
    expect(finalizeStats(stats).mean).toBeCloseTo(reference.ndvi_stats.mean, 7);
    for (const pixel of reference.pixels) {
      const i = pixel.row * width + pixel.col;
      expect([bands.red.data[i], bands.nir.data[i]]).toEqual([pixel.B04, pixel.B08]);
      expect(Math.abs(unmasked[i] - pixel.ndvi)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('masks exactly the pixels whose SCL class is invalid, and nothing else', () => {
    const maskedCount = cloudMask.reduce((n, v) => n + v, 0);
    const nanCount = masked.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0);
    expect(maskedCount).toBeGreaterThan(0);
    expect(nanCount).toBe(maskedCount); // the unmasked product has no NaN (ndvi-reference: all valid)
    expect(width * height).toBe(4 * scl.data.length);
  });
});

describe('NDVI on the Landsat 8 C2 L2 fixture (SR_B4, SR_B5, QA_PIXEL)', async () => {
  const { bands, qa } = await readLandsat(INDICES.ndvi.bands);
  const nir = applyRadiometry(bands.nir.data, bands.nir.scaling);
  const red = applyRadiometry(bands.red.data, bands.red.scaling);
  const unmasked = ndviExpression({ nir, red });
  const masked = applyInvalidMask(ndviExpression({ nir, red }), landsatQaInvalidMask(qa.data));
  const reference = JSON.parse(readFileSync(join(FIXTURES, 'ndvi-reference.json'), 'utf8'))['landsat-c2-l2_LC08_L2SP_008059_20191201'];

  it('binds nir to nir08 (SR_B5) and takes the USGS factors from the MTL', () => {
    expect([bands.nir.asset, bands.red.asset]).toEqual(['SR_B5', 'SR_B4']);
    expect(bands.nir.scaling).toEqual({ scale: 2.75e-5, offset: -0.2, nodata: 0 });
  });

  it('matches GDAL + numpy within 1e-6 with identical nodata sets', async () => {
    for (const [variant, gdal] of Object.entries(await gdalNdvi('landsat', LANDSAT_SCENE))) {
      const comparison = compareFloatArrays(masked, gdal);
      console.log(`[ndvi] Landsat vs GDAL (${variant}):`, comparison);
      expect(comparison.nanMismatches).toBe(0);
      expect(comparison.maxAbsDiff).toBeLessThanOrEqual(1e-6);
    }
  });

  it('agrees with ndvi-reference.json: nodata-only stats, sample pixels, and its clear-only mask', () => {
    const all = partialStats(unmasked);
    expect(all.validCount).toBe(reference.ndvi_reflectance_stats.valid_pixels);
    expect(all.min).toBeCloseTo(reference.ndvi_reflectance_stats.min, 6);
    expect(all.max).toBeCloseTo(reference.ndvi_reflectance_stats.max, 5);
    expect(finalizeStats(all).mean).toBeCloseTo(reference.ndvi_reflectance_stats.mean, 7);
    for (const pixel of reference.pixels) {
      const i = pixel.row * qa.grid.width + pixel.col;
      expect([bands.red.data[i], bands.nir.data[i], qa.data[i]]).toEqual([pixel.SR_B4, pixel.SR_B5, pixel.QA_PIXEL]);
      expect(Math.abs(unmasked[i] - pixel.ndvi_reflectance)).toBeLessThanOrEqual(1e-6);
    }
    // The reference's own mask: "clear" (bit 6) set and bits 1-3 unset.
    const clearMask = landsatQaInvalidMask(qa.data, { invalidBits: 0b1110, requiredBits: 1 << 6 });
    const clear = partialStats(applyInvalidMask(Float32Array.from(unmasked), clearMask));
    const expected = reference.ndvi_reflectance_stats_clear_only;
    expect(clear.validCount).toBe(expected.valid_pixels);
    expect(clear.min).toBeCloseTo(expected.min, 6);
    expect(clear.max).toBeCloseTo(expected.max, 6);
    expect(finalizeStats(clear).mean).toBeCloseTo(expected.mean, 7);
  });
});
