import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyChange, mergeChangeCounts, pixelsToHectares } from '../../../workers/lib/change';
import { compileExpression, parseExpression } from '../../../workers/lib/expression';
import { INDICES } from '../../../workers/lib/indices';
import { applyRadiometry } from '../../../workers/lib/radiometry';
import { FIXTURES } from './helpers/fixture-scenes';
import { readBand } from './helpers/read-geotiff';
import { runGdalPython } from './helpers/run-gdal';

describe('classifyChange', () => {
  it('classes +1 above the threshold, −1 below its negative, 0 between (inclusive), NaN for NaN', () => {
    const diff = Float32Array.of(0.5, -0.5, 0.1, -0.1, 0.25, -0.25, NaN, 0);
    const { classes, counts } = classifyChange(diff, 0.25);
    expect(Array.from(classes)).toEqual([1, -1, 0, 0, 0, 0, NaN, 0]);
    expect(counts).toEqual({ gain: 1, loss: 1, unchanged: 5, invalid: 1 });
  });

  it('rejects a negative or missing threshold', () => {
    expect(() => classifyChange(new Float32Array(1), -0.1)).toThrow(/threshold/);
    expect(() => classifyChange(new Float32Array(1), Number.NaN)).toThrow(/threshold/);
  });

  it('converts pixel counts to hectares', () => {
    expect(pixelsToHectares(17454, 30 * 30)).toBeCloseTo(1570.86, 10);
    expect(pixelsToHectares(1, 10 * 10)).toBe(0.01);
  });
});

describe('change detection on the Landsat Pucallpa pair (1985 → 2020)', async () => {
  const pair = join(FIXTURES, 'landsat_pucallpa_change-pair');
  const reference = JSON.parse(readFileSync(join(FIXTURES, 'ndvi-reference.json'), 'utf8'))['landsat_pucallpa_change-pair'];
  const ndvi = compileExpression(parseExpression(INDICES.ndvi.expression));
  // Band order per the fixture: 1 SWIR1, 2 NIR, 3 Red, 4 Green (8-bit, nodata 0).
  const ndviOf = async (year: string): Promise<Float32Array> => {
    const path = join(pair, `${year}.tif`);
    const [nir, red] = await Promise.all([readBand(path, 1), readBand(path, 2)]);
    return ndvi({ nir: applyRadiometry(nir.data, { nodata: nir.nodata }), red: applyRadiometry(red.data, { nodata: red.nodata }) });
  };
  const before = await ndviOf('1985');
  const after = await ndviOf('2020');
  const diff = compileExpression(parseExpression('after - before'))({ before, after });

  it('counts gain and loss like GDAL + numpy (float64), up to pixels within float32 rounding of ±0.2', async () => {
    const gdal = JSON.parse(await runGdalPython('change-reference.py', [pair, '0.2'])) as Record<string, number>;
    // The float64 reference itself agrees with ndvi-reference.json.
    expect([gdal.loss, gdal.gain]).toEqual([reference.diff_pixels_below_minus_0_2, reference.diff_pixels_above_0_2]);
    const { counts } = classifyChange(diff, 0.2);
    console.log('[change] Pucallpa counts:', counts, 'GDAL float64:', gdal);
    expect(Math.abs(counts.gain - gdal.gain)).toBeLessThanOrEqual(gdal.near_gain);
    expect(Math.abs(counts.loss - gdal.loss)).toBeLessThanOrEqual(gdal.near_loss);
    expect(counts.invalid).toBe(gdal.invalid);
    expect(counts.invalid).toBe(diff.length - reference.ndvi_diff_2020_minus_1985_stats.valid_pixels);
  });

  it('gives the same counts when classified tile by tile and merged', () => {
    const whole = classifyChange(diff, 0.2).counts;
    let merged = { gain: 0, loss: 0, unchanged: 0, invalid: 0 };
    for (let start = 0; start < diff.length; start += 65_536) {
      merged = mergeChangeCounts(merged, classifyChange(diff.subarray(start, start + 65_536), 0.2).counts);
    }
    expect(merged).toEqual(whole);
  });
});
