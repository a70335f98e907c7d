/**
 * Seeded observation stacks for the reducer tests: values in [-1, 1) with NaN runs along time,
 * scattered NaN, whole-NaN pixels, pixels with exactly one or two valid observations, and a share
 * of pixels whose values are rounded to one decimal so that ties occur.
 */
import { seededRandom } from '../../../helpers/seeded-random';

export function makeStack(seed: number, planes: number, pixels: number): Float32Array[] {
  const random = seededRandom(seed);
  const stack = Array.from({ length: planes }, () => new Float32Array(pixels));
  for (let p = 0; p < pixels; p++) {
    const coarse = random() < 0.15;
    for (let t = 0; t < planes; t++) {
      const v = random() * 2 - 1;
      stack[t][p] = coarse ? Math.round(v * 10) / 10 : v;
      if (random() < 0.15) stack[t][p] = NaN;
    }
    if (random() < 0.4) {
      const start = Math.floor(random() * planes);
      const length = 1 + Math.floor(random() * Math.max(1, planes / 2));
      for (let t = start; t < Math.min(planes, start + length); t++) stack[t][p] = NaN;
    }
    const keep = p % 97 === 0 ? 0 : p % 89 === 0 ? 1 : p % 83 === 0 ? 2 : -1;
    if (keep >= 0) {
      const kept = new Set<number>();
      while (kept.size < Math.min(keep, planes)) kept.add(Math.floor(random() * planes));
      for (let t = 0; t < planes; t++) if (!kept.has(t)) stack[t][p] = NaN;
      for (const t of kept) if (Number.isNaN(stack[t][p])) stack[t][p] = random();
    }
  }
  return stack;
}
