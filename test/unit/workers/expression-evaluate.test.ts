import { describe, expect, it } from 'vitest';
import { compileExpression, compileExpressionPerPixel, parseExpression } from '../../../workers/lib/expression';
import { compareFloatArrays } from './helpers/compare-float32';
import { seededRandom } from '../../helpers/seeded-random';

const evaluators = { vectorised: compileExpression, 'per-pixel': compileExpressionPerPixel };

describe.each(Object.entries(evaluators))('%s evaluator', (_label, compile) => {
  const run = (source: string, inputs: Record<string, number[]>, out?: Float32Array): number[] => {
    const typed = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, Float32Array.from(v)]));
    return Array.from(compile(parseExpression(source))(typed, out));
  };

  it('computes NDVI pixel by pixel, rounding the float64 result once to float32', () => {
    const nir = [0.3, 0.5, 0.25, 0.1];
    const red = [0.1, 0.05, 0.25, 0.3];
    const expected = nir.map((n, i) => {
      const a = Math.fround(n);
      const b = Math.fround(red[i]);
      return Math.fround((a - b) / (a + b));
    });
    expect(run('(nir - red) / (nir + red)', { nir, red })).toEqual(expected);
  });

  it('gives NaN, not Infinity, for division by zero (array and constant divisors)', () => {
    expect(run('a / b', { a: [1, -1, 0, 2], b: [0, 0, 0, 4] })).toEqual([NaN, NaN, NaN, 0.5]);
    expect(run('a / 0', { a: [1, 2] })).toEqual([NaN, NaN]);
    expect(run('1 / a', { a: [0, 4] })).toEqual([NaN, 0.25]);
    expect(run('a / (1 - 1)', { a: [3] })).toEqual([NaN]);
  });

  it('propagates NaN through every operator and function', () => {
    const a = [NaN, 4];
    for (const source of ['a + 1', '1 - a', 'a * 2', '-a', 'abs(a)', 'sqrt(a)', 'min(a, 1)', 'max(1, a)', 'min(b, a)', 'max(a, b, 9)']) {
      expect(Number.isNaN(run(source, { a, b: [1, 1] })[0]), source).toBe(true);
    }
  });

  it('gives NaN for the square root of a negative number', () => {
    expect(run('sqrt(a)', { a: [-4, 9, 0] })).toEqual([NaN, 3, 0]);
  });

  it('evaluates min/max over arrays and constants, abs, unary minus', () => {
    expect(run('min(a, b, 0.5)', { a: [1, 0.2, 3], b: [2, 1, 0.25] })).toEqual([0.5, Math.fround(0.2), 0.25]);
    expect(run('max(a, b, 0.5)', { a: [1, 0.2, 3], b: [2, 0.1, 0.25] })).toEqual([2, 0.5, 3]);
    expect(run('abs(a) * -2', { a: [-1.5, 2] })).toEqual([-3, -4]);
    expect(run('-(a - 3) * 2 - -1', { a: [1, 5] })).toEqual([5, -3]);
  });

  it('folds constant expressions and fills the output array', () => {
    expect(run('2 * 3 + max(1, 4) - sqrt(16)', {}, new Float32Array(3))).toEqual([6, 6, 6]);
  });

  it('writes into a caller-supplied output array', () => {
    const out = new Float32Array(2);
    const result = compile(parseExpression('a + b'))({ a: Float32Array.of(1, 2), b: Float32Array.of(3, 4) }, out);
    expect(result).toBe(out);
    expect(Array.from(out)).toEqual([4, 6]);
  });

  it('reads identical input arrays for repeated identifiers and exposes its variables', () => {
    const compiled = compile(parseExpression('nir * nir - red'));
    expect(compiled.variables).toEqual(['nir', 'red']);
    expect(Array.from(compiled({ nir: Float32Array.of(3), red: Float32Array.of(1) }))).toEqual([8]);
  });

  it('rejects missing inputs, mismatched lengths and constant expressions without an output', () => {
    const compiled = compile(parseExpression('a + b'));
    expect(() => compiled({ a: new Float32Array(2) })).toThrow("expression input 'b' was not supplied");
    expect(() => compiled({ a: new Float32Array(2), b: new Float32Array(3) })).toThrow("expression input 'b' has 3 values, expected 2");
    expect(() => compile(parseExpression('1 + 1'))({})).toThrow('needs an output array');
  });

  it('matches a handwritten float64 EVI on a tile larger than one evaluation block', () => {
    const random = seededRandom(11);
    const n = 10_007; // not a multiple of the block size
    const band = (): Float32Array => Float32Array.from({ length: n }, () => (random() < 0.02 ? NaN : random() * 0.5));
    const nir = band();
    const red = band();
    const blue = band();
    const expected = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const d = nir[i] + 6 * red[i] - 7.5 * blue[i] + 1;
      expected[i] = d === 0 ? NaN : (2.5 * (nir[i] - red[i])) / d;
    }
    const actual = compile(parseExpression('2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)'))({ nir, red, blue });
    expect(compareFloatArrays(actual, expected)).toEqual({ maxAbsDiff: 0, nanMismatches: 0, validInBoth: expect.any(Number) });
  });
});
