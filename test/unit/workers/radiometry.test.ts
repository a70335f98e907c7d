import { describe, expect, it } from 'vitest';
import { applyRadiometry } from '../../../workers/lib/radiometry';

describe('applyRadiometry', () => {
  it('applies the Landsat C2 L2 SR factors (providers.md §5.1 worked example) and masks fill', () => {
    const out = applyRadiometry(Uint16Array.of(18639, 0, 7273, 43636), { scale: 2.75e-5, offset: -0.2, nodata: 0 });
    expect(out).toBeInstanceOf(Float32Array);
    expect(out[0]).toBeCloseTo(0.313, 3);
    expect(Array.from(out)).toEqual([18639, NaN, 7273, 43636].map((dn) => (Number.isNaN(dn) ? NaN : Math.fround(dn * 2.75e-5 - 0.2))));
  });

  it('applies the Sentinel-2 BOA offset of PB ≥ 04.00 when told to', () => {
    const out = applyRadiometry(Uint16Array.of(1000, 3236, 0), { scale: 0.0001, offset: -0.1, nodata: 0 });
    expect(Array.from(out)).toEqual([0, Math.fround(0.2236), NaN]);
  });

  it('handles signed, 8-bit and float inputs, and STAC "nan" nodata', () => {
    expect(Array.from(applyRadiometry(Int16Array.of(-9999, -5, 12), { scale: 0.5, nodata: -9999 }))).toEqual([NaN, -2.5, 6]);
    expect(Array.from(applyRadiometry(Uint8Array.of(0, 255), { nodata: 0 }))).toEqual([NaN, 255]);
    expect(Array.from(applyRadiometry(Float32Array.of(NaN, 1.5), { scale: 2, nodata: 'nan' }))).toEqual([NaN, 3]);
    expect(Array.from(applyRadiometry(Float64Array.of(-Infinity, 2), { nodata: '-inf' }))).toEqual([NaN, 2]);
  });

  it('keeps every value when there is no nodata, and defaults to scale 1 offset 0', () => {
    expect(Array.from(applyRadiometry(Uint16Array.of(0, 7)))).toEqual([0, 7]);
    expect(Array.from(applyRadiometry(Uint16Array.of(0, 7), { nodata: null }))).toEqual([0, 7]);
  });

  it('writes into a given output and refuses one of the wrong length', () => {
    const out = new Float32Array(2);
    expect(applyRadiometry(Uint8Array.of(1, 2), { offset: 1 }, out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 3]);
    expect(() => applyRadiometry(Uint8Array.of(1, 2), {}, new Float32Array(3))).toThrow(/output has 3 values/);
  });
});
