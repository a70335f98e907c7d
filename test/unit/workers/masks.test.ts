/**
 * Masks. SCL resampling to the band grid is checked against gdalwarp -r near on the real 20 m-class
 * SCL fixture (549×549) for integer, non-integer and downsampling ratios over the same extent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyInvalidMask, combineMasks, DEFAULT_SCL_INVALID_CLASSES, landsatQaInvalidMask, sclInvalidMask,
} from '../../../workers/lib/masks';
import { nearestIndexTable, resampleNearestAligned } from '../../../workers/lib/resample';
import { S2_SCENE } from './helpers/fixture-scenes';
import { readBand } from './helpers/read-geotiff';
import { runGdalTool } from './helpers/run-gdal';

const work = mkdtempSync(join(tmpdir(), 'astra-masks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('nearest resampling between grids sharing an extent', async () => {
  const sclPath = join(S2_SCENE, 'SCL.tif');
  const scl = await readBand(sclPath);
  const [x0, dx, , y0, , dy] = scl.grid.transform;
  const extent = [x0, y0 + dy * scl.grid.height, x0 + dx * scl.grid.width, y0].map(String);

  it.each([[1098, 1098], [823, 823], [1000, 700], [300, 200], [549, 549]])('matches gdalwarp -r near for %i×%i', async (width, height) => {
    const out = join(work, `scl-${width}x${height}.tif`);
    await runGdalTool('gdalwarp', ['-overwrite', '-r', 'near', '-te', ...extent, '-ts', String(width), String(height), sclPath, out]);
    const gdal = await readBand(out);
    const ours = resampleNearestAligned(scl.data, scl.grid, { width, height });
    expect(ours).toBeInstanceOf(Uint8Array);
    expect(gdal.data.length).toBe(width * height);
    let differing = 0;
    for (let i = 0; i < ours.length; i++) if (ours[i] !== gdal.data[i]) differing++;
    expect(differing).toBe(0);
  });

  it('maps exact ratios without rounding drift', () => {
    expect(Array.from(nearestIndexTable(3, 6))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(nearestIndexTable(2, 3))).toEqual([0, 1, 1]); // centres 1/3, 1, 5/3 source px
    expect(Array.from(nearestIndexTable(6, 2))).toEqual([1, 4]);
  });
});

describe('sclInvalidMask', () => {
  it('flags the default classes {0,1,3,8,9,10} on the target grid, 2:1 nearest', () => {
    expect(DEFAULT_SCL_INVALID_CLASSES).toEqual([0, 1, 3, 8, 9, 10]);
    const scl = Uint8Array.of(4, 9, 3, 11); // 2×2 SCL
    const mask = sclInvalidMask(scl, { width: 2, height: 2 }, { width: 4, height: 4 });
    expect(Array.from(mask)).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
  });

  it('takes a configurable class set; non-class values count as invalid', () => {
    const scl = Float32Array.of(2, 7, 11, NaN, 4.5, 300);
    expect(Array.from(sclInvalidMask(scl, { width: 6, height: 1 }, { width: 6, height: 1 }, [2, 7, 11]))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(sclInvalidMask(Uint8Array.of(4, 5, 6), { width: 3, height: 1 }, { width: 3, height: 1 }))).toEqual([0, 0, 0]);
  });

  it('refuses an SCL array that does not match its size', () => {
    expect(() => sclInvalidMask(new Uint8Array(3), { width: 2, height: 2 }, { width: 4, height: 4 })).toThrow(/SCL has 3 values/);
  });
});

describe('landsatQaInvalidMask', () => {
  // Values that occur in the fixture's QA_PIXEL band (ndvi-reference.json qa_pixel_counts_top).
  const qa = Uint16Array.of(22280, 1, 21824, 55052, 23888, 24082);
  const bitSet = (value: number, bit: number): boolean => Math.floor(value / 2 ** bit) % 2 === 1;

  it('flags fill, dilated cloud, cirrus, cloud and shadow (bits 0–4)', () => {
    const expected = Array.from(qa, (v) => ([0, 1, 2, 3, 4].some((bit) => bitSet(v, bit)) ? 1 : 0));
    expect(Array.from(landsatQaInvalidMask(qa))).toEqual(expected);
    expect(expected).toEqual([1, 1, 0, 1, 1, 1]); // only 21824 (clear, bit 6) is usable
  });

  it('can demand bits, e.g. "clear" (bit 6)', () => {
    const mask = landsatQaInvalidMask(Uint16Array.of(21824, 0, 1 << 7), { invalidBits: 0b1110, requiredBits: 1 << 6 });
    expect(Array.from(mask)).toEqual([0, 1, 1]);
  });
});

describe('applying masks', () => {
  it('sets NaN where any combined mask is set, in place', () => {
    const values = Float32Array.of(1, 2, 3, 4);
    const mask = combineMasks(Uint8Array.of(1, 0, 0, 0), Uint8Array.of(0, 0, 1, 0));
    expect(applyInvalidMask(values, mask)).toBe(values);
    expect(Array.from(values)).toEqual([NaN, 2, NaN, 4]);
    expect(() => applyInvalidMask(values, new Uint8Array(3))).toThrow(/mask has 3 values/);
  });
});
