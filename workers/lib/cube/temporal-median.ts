/**
 * Per-pixel median over a plane-major stack (planes[t][pixel], NaN = invalid), numpy `nanmedian`
 * semantics: the middle valid value, or the mean of the two middle ones (in float64) when their
 * number is even; NaN where a pixel has no valid observation.
 *
 * Memory: the stack itself, P × N × 4 bytes (a 512 × 512 tile over 100 observations: 100 MiB), plus
 * a float64 scratch of at most ~1 MiB. Pixels are handled in blocks: each plane is read
 * sequentially into the block's per-pixel runs, then each run is partially ordered in place
 * (select.ts) — no sort, O(N) per pixel on average.
 */
import { minOf, selectKth } from './select';

const SCRATCH_VALUES = 131_072;
/** Up to this many observations, each pixel's valid values are insertion-sorted as they are read. */
const SHORT_STACK = 16;

export function medianOfStack(planes: readonly Float32Array[], pixels = planes[0]?.length ?? 0, out: Float32Array = new Float32Array(pixels)): Float32Array {
  if (out.length !== pixels) throw new Error(`output has ${out.length} pixels, expected ${pixels}`);
  for (const plane of planes) {
    if (plane.length !== pixels) throw new Error(`plane has ${plane.length} pixels, expected ${pixels}`);
  }
  const n = planes.length;
  if (n === 0) return out.fill(NaN);
  if (n <= SHORT_STACK) return medianOfShortStack(planes, pixels, out);
  const block = Math.max(1, Math.min(4096, Math.floor(SCRATCH_VALUES / n)));
  const runs = new Float64Array(block * n);
  const counts = new Int32Array(block);
  for (let start = 0; start < pixels; start += block) {
    const size = Math.min(block, pixels - start);
    counts.fill(0);
    for (const plane of planes) {
      for (let i = 0; i < size; i++) {
        const v = plane[start + i];
        if (v === v) runs[i * n + counts[i]++] = v;
      }
    }
    for (let i = 0; i < size; i++) out[start + i] = medianOfRun(runs, i * n, counts[i]);
  }
  return out;
}

/** Median of runs[offset .. offset + count − 1]; reorders that run. */
function medianOfRun(runs: Float64Array, offset: number, count: number): number {
  if (count === 0) return NaN;
  if (count === 1) return runs[offset];
  const last = offset + count - 1;
  const k = offset + ((count - 1) >> 1);
  const lower = selectKth(runs, k, offset, last);
  if (count & 1) return lower;
  return (lower + minOf(runs, k + 1, last)) / 2;
}

/**
 * A short stack (a composite of a few passes): per pixel, the valid values inserted in order into
 * a small scratch as the planes are read, then the middle one (or the mean of the two middle
 * ones) — the same values as the runs above, without their gather pass and selection calls.
 */
function medianOfShortStack(planes: readonly Float32Array[], pixels: number, out: Float32Array): Float32Array {
  const n = planes.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < pixels; i++) {
    let count = 0;
    for (let t = 0; t < n; t++) {
      const v = planes[t][i];
      if (v !== v) continue;
      let j = count - 1;
      while (j >= 0 && sorted[j] > v) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = v;
      count++;
    }
    const half = count >> 1;
    out[i] = count === 0 ? NaN : count & 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }
  return out;
}
