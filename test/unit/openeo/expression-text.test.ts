import { describe, expect, it } from 'vitest';
import { compileExpressionPerPixel, parseExpression } from '../../../workers/lib/expression';
import { INDICES } from '../../../workers/lib/indices';
import { indexOfExpression, normalizeExpression } from '../../../electron/service/openeo/graph/expression-text';

describe('canonical expression text', () => {
  it.each([
    ['(nir - red) / (nir + red)', '(nir - red) / (nir + red)'],
    ['((nir)-(red))/((nir)+(red))', '(nir - red) / (nir + red)'],
    ['(a * b) + c', 'a * b + c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a + (b + c)', 'a + (b + c)'],
    ['(a + b) + c', 'a + b + c'],
    ['a / (b * c)', 'a / (b * c)'],
    ['-1 * nir', '-nir'],
    ['-(2) * x', '-2 * x'],
    ['- -x', '--x'],
    ['x - -2', 'x - -2'],
    ['-(a + b)', '-(a + b)'],
    ['MAX(a, 0.5 * b, 1e-7)', 'max(a, 0.5 * b, 1e-7)'],
    ['abs(x) + sqrt(y)', 'abs(x) + sqrt(y)'],
    ['2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)', '2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)'],
  ])('%s → %s', (text, canonical) => {
    expect(normalizeExpression(text)).toBe(canonical);
    // Canonical text is a fixed point and evaluates to the same values as the original.
    expect(normalizeExpression(canonical)).toBe(canonical);
    const names = ['nir', 'red', 'blue', 'a', 'b', 'c', 'x', 'y'];
    const inputs = Object.fromEntries(names.map((name, i) => [name, Float32Array.of(0.3 + i * 0.17, -1.25 + i, 7 - i)]));
    const original = compileExpressionPerPixel(parseExpression(text))(inputs);
    const normalized = compileExpressionPerPixel(parseExpression(canonical))(inputs);
    expect(Array.from(normalized)).toEqual(Array.from(original));
  });

  it('recognises every named index by its formula, whatever its spelling', () => {
    for (const index of Object.values(INDICES)) expect(indexOfExpression(parseExpression(index.expression))).toBe(index.name);
    expect(indexOfExpression(parseExpression('((nir - red)) / (nir + (red))'))).toBe('ndvi');
    expect(indexOfExpression(parseExpression('(red - nir) / (nir + red)'))).toBeUndefined();
    expect(indexOfExpression(parseExpression('(B08 - B04) / (B08 + B04)'))).toBeUndefined();
  });
});
