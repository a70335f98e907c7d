/**
 * HLS bandpass adjustment against numpy: the Python side holds its own transcription of HLS v2.0
 * Table 5 and computes both directions in float64; ours runs in float64 and stores float32, so the
 * two agree to float32 rounding (≤ 1.2e-7 relative).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyAdjustment, describeHarmonization, HLS_BANDS, hlsAdjustment, invert, isHlsPlatform, type HlsTarget,
} from '../../../workers/lib/cube/hls-harmonize';
import { seededRandom } from '../../helpers/seeded-random';
import { readFloat64, runPython, writeFloat32 } from './helpers/python';

const work = mkdtempSync(join(tmpdir(), 'astra-cube-hls-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('HLS bandpass adjustment equals numpy on the independently transcribed Table 5', async () => {
  const random = seededRandom(5);
  const values = Float32Array.from({ length: 5000 }, () => (random() < 0.1 ? NaN : random() * 1.2 - 0.1));
  writeFloat32(join(work, 'values.f32'), [values]);
  const cases = JSON.parse(await runPython('hls-reference.py', [work, values.length])) as { file: string; target: HlsTarget; platform: string; band: string }[];

  it('covers both directions for every platform and band', () => {
    expect(cases).toHaveLength(HLS_BANDS.length * 5);
  });

  it.each(cases)('$platform $band → $target', ({ file, target, platform, band }) => {
    const adjustment = hlsAdjustment(platform, band, target);
    expect(adjustment, `${platform} ${band} → ${target}`).not.toBeNull();
    const ours = applyAdjustment(values.slice(), adjustment!);
    const expected = readFloat64(join(work, file));
    let nanKept = 0;
    let worst = 0;
    for (let i = 0; i < ours.length; i++) {
      if (Number.isNaN(values[i])) nanKept += Number.isNaN(ours[i]) ? 1 : 0;
      else worst = Math.max(worst, Math.abs(ours[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3));
    }
    expect(nanKept).toBe(values.filter(Number.isNaN).length);
    expect(nanKept).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(1.2e-7);
  });
});

describe('which bands and platforms are adjusted', () => {
  it('leaves Sentinel-2 alone when MSI is the target, and Landsat alone when OLI is', () => {
    expect(hlsAdjustment('sentinel-2b', 'red', 'msi')).toBeNull();
    expect(hlsAdjustment('landsat-9', 'red', 'oli')).toBeNull();
  });

  it('pairs OLI B5 with MSI B8A: Landsat `nir` means nir08, Sentinel-2 `nir` (B08) has no OLI twin', () => {
    expect(hlsAdjustment('landsat-8', 'nir')).toEqual(hlsAdjustment('landsat-8', 'nir08'));
    expect(hlsAdjustment('sentinel-2a', 'nir', 'oli')).toBeNull();
    expect(hlsAdjustment('sentinel-2a', 'rededge1', 'oli')).toBeNull();
    expect(hlsAdjustment('landsat-8', 'lwir11')).toBeNull();
  });

  it('accepts USGS and ESA platform spellings and refuses sensors HLS does not cover', () => {
    expect(isHlsPlatform('LANDSAT_8')).toBe(true);
    expect(isHlsPlatform('Sentinel-2C')).toBe(true);
    expect(() => hlsAdjustment('landsat-7', 'red')).toThrow(/Landsat 8\/9 OLI and Sentinel-2A\/B\/C MSI, not 'landsat-7'/);
  });

  it('OLI → MSI is the exact inverse of the published MSI → OLI line', () => {
    for (const band of HLS_BANDS) {
      const forward = hlsAdjustment('sentinel-2a', band, 'oli')!;
      const back = hlsAdjustment('landsat-8', band, 'msi')!;
      expect(back).toEqual(invert(forward));
      expect(back.slope * (forward.slope * 0.3 + forward.offset) + back.offset).toBeCloseTo(0.3, 12);
    }
  });

  it('describes what was applied, with the published row, for the result item', () => {
    const record = describeHarmonization('LANDSAT_8', ['red', 'nir', 'lwir11']);
    expect(record).toMatchObject({
      method: 'hls-bandpass-adjustment', target: 'msi', reference_platform: 'sentinel-2a', platform: 'landsat-8', unadjusted: ['lwir11'],
    });
    expect(record.source).toMatch(/Table 5.*Claverie et al\. 2018/);
    expect(record.bands.red.published).toEqual({ platform: 'sentinel-2a', slope: 0.9765, intercept: 0.0009 });
    expect(record.bands.red.slope).toBeCloseTo(1 / 0.9765, 15);
    expect(record.bands.nir.published.slope).toBe(0.9983);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});
