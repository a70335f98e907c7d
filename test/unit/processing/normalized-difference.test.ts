/** The fused (a − b) / (a + b) kernel: recognised only for that shape, and bit-identical to the generic evaluator. */
import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression } from '../../../workers/lib/expression';
import { INDICES } from '../../../workers/lib/indices';
import { applyRadiometry } from '../../../workers/lib/radiometry';
import { normalizedDifference, normalizedDifferenceOf, normalizedDifferenceOfDn } from '../../../workers/tasks/process/normalized-difference';

describe('normalizedDifferenceOf', () => {
  it('recognises NDVI, NDWI, NBR and the commuted sum, and nothing else', () => {
    expect(normalizedDifferenceOf(parseExpression(INDICES.ndvi.expression))).toEqual({ a: 'nir', b: 'red' });
    expect(normalizedDifferenceOf(parseExpression(INDICES.ndwi.expression))).toEqual({ a: 'green', b: 'nir' });
    expect(normalizedDifferenceOf(parseExpression(INDICES.nbr.expression))).toEqual({ a: 'nir', b: 'swir22' });
    expect(normalizedDifferenceOf(parseExpression('(B08 - B04) / (B04 + B08)'))).toEqual({ a: 'B08', b: 'B04' });
    for (const other of [INDICES.evi.expression, INDICES.savi.expression, '(a - b) / (a + c)', '(a - a) / (a + a)', '(a + b) / (a - b)', '(a - b) * (a + b)', 'a / b']) {
      expect(normalizedDifferenceOf(parseExpression(other)), other).toBeNull();
    }
  });
});

describe('normalizedDifference', () => {
  it('gives exactly the generic evaluator\'s float32 results, NaN (incl. x / 0) included', () => {
    const n = 100_003;
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    let s = 12345;
    const random = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < n; i++) {
      a[i] = random() * 0.8 - 0.1;
      b[i] = random() < 0.01 ? -a[i] : random() * 0.6;
      if (random() < 0.01) a[i] = NaN;
    }
    const fused = normalizedDifference(a, b, new Float32Array(n));
    const generic = compileExpression(parseExpression('(a - b) / (a + b)'))({ a, b });
    expect(Buffer.from(fused.buffer).equals(Buffer.from(generic.buffer))).toBe(true);
    expect(fused.filter((v, i) => Number.isNaN(v) && !Number.isNaN(a[i])).length).toBeGreaterThan(100); // a + b = 0 → NaN, as the language says
  });
});

describe('normalizedDifferenceOfDn', () => {
  it('equals applyRadiometry on each band followed by normalizedDifference, bit for bit', () => {
    const n = 50_000;
    let s = 99;
    const random = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const a = Float32Array.from({ length: n }, () => (random() < 0.02 ? 0 : Math.floor(random() * 30000)));
    const b = Float32Array.from({ length: n }, () => (random() < 0.02 ? 0 : Math.floor(random() * 30000)));
    b[7] = NaN; // outside the source
    for (const [sa, sb] of [
      [{ scale: 0.0001, offset: -0.1, nodata: 0 }, { scale: 0.0001, offset: -0.1, nodata: 0 }],
      [{ scale: 2.75e-5, offset: -0.2, nodata: 0 }, { scale: 2.75e-5, offset: -0.2 }],
      [{}, { nodata: 'nan' as const }],
    ]) {
      const fused = normalizedDifferenceOfDn(a, sa, b, sb, new Float32Array(n));
      const steps = normalizedDifference(applyRadiometry(a, sa), applyRadiometry(b, sb), new Float32Array(n));
      expect(Buffer.from(fused.buffer).equals(Buffer.from(steps.buffer)), JSON.stringify([sa, sb])).toBe(true);
    }
  });
});
