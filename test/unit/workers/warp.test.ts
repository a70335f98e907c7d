/**
 * Cross-zone warp (EPSG:32633, 30 m → EPSG:32634, 20 m) against gdalwarp on a raster GDAL made.
 * Tolerances: both sides sample the same bilinear kernel at the same pixel centres, so the only
 * differences come from where a centre lands (proj4js vs PROJ, our ≤0.05 px coordinate lattice)
 * times the local gradient. The field's slope is ≤ 0.025 per source pixel along columns and
 * ≤ 0.017 along rows, so 0.05 px of error in each bounds a pixel's difference by 0.0021 (we allow
 * 0.0025); with exact coordinates only float rounding remains (≤ 1e-6). For nearest, a class can
 * only flip where a centre lands within the coordinate error of a source pixel edge; warpRaster
 * re-projects those centres exactly, so its output must equal the exact-coordinate warp, and may
 * differ from gdalwarp only where proj4js and PROJ disagree at such an edge (a few pixels at most).
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPixelMapping } from '../../../workers/lib/geo/pixel-mapping';
import { tileWindows } from '../../../workers/lib/geo/grid-window';
import type { GriddedRaster } from '../../../workers/lib/raster-types';
import { warpRaster } from '../../../workers/lib/warp';
import { compareFloatArrays } from './helpers/compare-float32';
import { readBand } from './helpers/read-geotiff';
import { FIXTURES } from './helpers/fixture-scenes';
import { runGdalPython, runGdalTool } from './helpers/run-gdal';
import { applyRadiometry } from '../../../workers/lib/radiometry';

const work = mkdtempSync(join(tmpdir(), 'astra-warp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    sum += Math.abs(a[i] - b[i]);
    n++;
  }
  return sum / n;
}

describe('warpRaster against gdalwarp across UTM zones', async () => {
  await runGdalPython('make-warp-case.py', [work]);
  const [values, classes, gdalBilinear, gdalNear] = await Promise.all(
    ['source-values.tif', 'source-classes.tif', 'warped-bilinear.tif', 'warped-near.tif'].map((f) => readBand(join(work, f))),
  );
  const target = gdalBilinear.grid;
  const asSource = (band: typeof values): GriddedRaster => ({ data: band.data, grid: band.grid });

  it('reads the grids GDAL wrote', () => {
    expect([values.grid.crs, target.crs]).toEqual(['EPSG:32633', 'EPSG:32634']);
    expect([values.grid.transform[1], target.transform[1]]).toEqual([30, 20]);
  });

  it('keeps the coordinate lattice within 0.05 source pixels of exact projection everywhere', () => {
    const approximate = createPixelMapping(target, values.grid);
    const exact = createPixelMapping(target, values.grid, 0);
    expect(exact.spacing).toBe(1);
    const ax = new Float64Array(target.width);
    const ay = new Float64Array(target.width);
    const ex = new Float64Array(target.width);
    const ey = new Float64Array(target.width);
    let worst = 0;
    for (let row = 0; row < target.height; row++) {
      approximate.fillRow(row, ax, ay);
      exact.fillRow(row, ex, ey);
      for (let c = 0; c < target.width; c++) worst = Math.max(worst, Math.abs(ax[c] - ex[c]), Math.abs(ay[c] - ey[c]));
    }
    console.log(`[warp] lattice spacing ${approximate.spacing} px, max coordinate error ${worst.toExponential(2)} px`);
    expect(approximate.spacing).toBeGreaterThan(1);
    expect(worst).toBeLessThanOrEqual(0.05);
  });

  it('bilinear: same nodata set as gdalwarp (outside + NaN hole), values within the gradient bound', () => {
    const ours = warpRaster(asSource(values), target, { resampling: 'bilinear' });
    const exact = warpRaster(asSource(values), target, { resampling: 'bilinear', maxErrorPixels: 0 });
    const reference = gdalBilinear.data as Float32Array;
    const comparison = compareFloatArrays(ours, reference);
    const mean = meanAbsDiff(ours, reference);
    const exactComparison = compareFloatArrays(exact, reference);
    console.log('[warp] bilinear vs gdalwarp:', { ...comparison, meanAbsDiff: mean }, 'exact coordinates:', exactComparison);
    const outside = reference.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0);
    expect(outside).toBeGreaterThan(0.1 * reference.length); // the case really has pixels outside the source
    expect(comparison.nanMismatches).toBeLessThanOrEqual(2);
    expect(comparison.maxAbsDiff).toBeLessThanOrEqual(0.0025);
    expect(mean).toBeLessThanOrEqual(1e-5);
    expect(exactComparison.nanMismatches).toBe(0);
    expect(exactComparison.maxAbsDiff).toBeLessThanOrEqual(1e-6);
  });

  it('gives the same result warped tile by tile as in one piece', () => {
    const whole = warpRaster(asSource(classes), target, { resampling: 'nearest' });
    const tiled = new Float32Array(whole.length).fill(-1);
    for (const tile of tileWindows(target, 100)) {
      const part = warpRaster(asSource(classes), tile.grid, { resampling: 'nearest' });
      for (let r = 0; r < tile.grid.height; r++) {
        tiled.set(part.subarray(r * tile.grid.width, (r + 1) * tile.grid.width), (tile.row + r) * target.width + tile.col);
      }
    }
    expect(compareFloatArrays(tiled, whole)).toMatchObject({ nanMismatches: 0, maxAbsDiff: 0 });
  });

  it('nearest: identical classes to gdalwarp -r near except at most a few boundary pixels', () => {
    const reference = gdalNear.data as Float32Array;
    const differing = (ours: Float32Array): number => ours.reduce((n, v, i) => n + (Object.is(v, reference[i]) ? 0 : 1), 0);
    const ours = warpRaster(asSource(classes), target, { resampling: 'nearest' });
    const exact = warpRaster(asSource(classes), target, { resampling: 'nearest', maxErrorPixels: 0 });
    const valid = compareFloatArrays(ours, reference).validInBoth;
    console.log(`[warp] nearest: ${differing(ours)} of ${ours.length} pixels differ (${valid} valid in both); exact coordinates: ${differing(exact)}`);
    expect(valid).toBeGreaterThan(0.5 * ours.length);
    expect(differing(ours)).toBeLessThanOrEqual(5);
    expect(differing(exact)).toBeLessThanOrEqual(5);
    expect(compareFloatArrays(ours, exact)).toMatchObject({ nanMismatches: 0, maxAbsDiff: 0 });
  });
});

describe('warpRaster against gdalwarp from EPSG:4326 to a southern UTM zone (real Landsat scene)', async () => {
  const source = join(FIXTURES, 'landsat_pucallpa_change-pair', '2020.tif');
  const common = ['-overwrite', '-t_srs', 'EPSG:32718', '-tr', '60', '60', '-et', '0', '-dstnodata', 'nan', '-ot', 'Float32'];
  await runGdalTool('gdalwarp', [...common, '-r', 'bilinear', source, join(work, 'pucallpa-bilinear.tif')]);
  await runGdalTool('gdalwarp', [...common, '-r', 'near', source, join(work, 'pucallpa-near.tif')]);
  // Band 2 is NIR (8-bit, nodata 0); the pipeline turns nodata into NaN before warping.
  const nir = await readBand(source, 1);
  const values: GriddedRaster = { data: applyRadiometry(nir.data, { nodata: nir.nodata }), grid: nir.grid };
  const [gdalBilinear, gdalNear] = await Promise.all([
    readBand(join(work, 'pucallpa-bilinear.tif'), 1),
    readBand(join(work, 'pucallpa-near.tif'), 1),
  ]);

  it('bilinear matches gdalwarp with identical nodata sets', () => {
    expect([values.grid.crs, gdalBilinear.grid.crs]).toEqual(['EPSG:4326', 'EPSG:32718']);
    const ours = warpRaster(values, gdalBilinear.grid, { resampling: 'bilinear' });
    const comparison = compareFloatArrays(ours, gdalBilinear.data as Float32Array);
    const mean = meanAbsDiff(ours, gdalBilinear.data as Float32Array);
    console.log('[warp] 4326→32718 bilinear vs gdalwarp:', { ...comparison, meanAbsDiff: mean });
    expect(comparison.validInBoth).toBeGreaterThan(0.5 * ours.length);
    expect(comparison.nanMismatches).toBeLessThanOrEqual(2);
    // 8-bit NIR steps by at most 255 between pixels, so 0.05 px of error in x and y bounds a
    // difference by 25.5; the measured lattice error here is ~1e-4 px (≤ 0.06), mean far below.
    expect(comparison.maxAbsDiff).toBeLessThanOrEqual(25.5);
    expect(mean).toBeLessThanOrEqual(0.01);
  });

  it('nearest matches gdalwarp except at most a few boundary pixels', () => {
    const reference = gdalNear.data as Float32Array;
    const differing = (ours: Float32Array): number => ours.reduce((n, v, i) => n + (Object.is(v, reference[i]) ? 0 : 1), 0);
    const ours = warpRaster(values, gdalNear.grid, { resampling: 'nearest' });
    const exact = warpRaster(values, gdalNear.grid, { resampling: 'nearest', maxErrorPixels: 0 });
    console.log(`[warp] 4326→32718 nearest: ${differing(ours)} of ${ours.length} pixels differ; exact coordinates: ${differing(exact)}`);
    expect(differing(ours)).toBeLessThanOrEqual(5);
    expect(compareFloatArrays(ours, exact)).toMatchObject({ nanMismatches: 0, maxAbsDiff: 0 });
  });
});
