/**
 * Measures both evaluators on a 512×512 tile and checks they agree bit for bit. Timings are
 * printed, not asserted (the machine is shared). All five indices are compiled and run with both
 * evaluators before timing, as in a long-lived worker: that is the state a per-pixel closure tree
 * really runs in (its call sites have seen many expressions, so V8 can no longer inline them).
 */
import { describe, expect, it } from 'vitest';
import { compileExpression, compileExpressionPerPixel, parseExpression } from '../../../workers/lib/expression';
import { INDICES, type IndexName } from '../../../workers/lib/indices';
import { compareFloatArrays } from './helpers/compare-float32';
import { seededRandom } from '../../helpers/seeded-random';

const SIDE = 512;

function medianMs(run: () => void, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

describe('expression evaluator speed on a 512×512 tile', () => {
  const random = seededRandom(7);
  const band = (): Float32Array => Float32Array.from({ length: SIDE * SIDE }, () => (random() < 0.01 ? NaN : random() * 0.6));
  const inputs = { nir: band(), red: band(), blue: band(), green: band(), swir22: band() };
  const names = Object.keys(INDICES) as IndexName[];
  const compiled = names.map((name) => {
    const ast = parseExpression(INDICES[name].expression);
    return { name, vectorised: compileExpression(ast), perPixel: compileExpressionPerPixel(ast) };
  });

  it('agree bit for bit on every index, and report the time per tile of each', () => {
    const a = new Float32Array(SIDE * SIDE);
    const b = new Float32Array(SIDE * SIDE);
    for (const { name, vectorised, perPixel } of compiled) {
      const comparison = compareFloatArrays(vectorised(inputs, a), perPixel(inputs, b));
      expect(comparison.nanMismatches, name).toBe(0);
      expect(comparison.maxAbsDiff, name).toBe(0);
      expect(comparison.validInBoth, name).toBeGreaterThan(0.9 * SIDE * SIDE);
    }
    for (const { name, vectorised, perPixel } of compiled.filter((c) => c.name === 'ndvi' || c.name === 'evi')) {
      const vectorisedMs = medianMs(() => vectorised(inputs, a), 5);
      const perPixelMs = medianMs(() => perPixel(inputs, b), 5);
      console.log(`[expression-speed] ${name} 512x512: vectorised ${vectorisedMs.toFixed(2)} ms, per-pixel ${perPixelMs.toFixed(2)} ms`);
      expect(compareFloatArrays(a, b).maxAbsDiff, name).toBe(0);
    }
  });
});
