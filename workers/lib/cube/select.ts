/**
 * Order statistics without a full sort: `selectKth` moves the k-th smallest value of a range to
 * index k (Hoare partition around a median-of-three pivot, insertion sort for short ranges), with
 * everything left of k ≤ it and everything right of k ≥ it. Average O(n), in place, no allocation.
 * The arrays must hold no NaN (callers gather valid values first).
 */
export type FloatArray = Float32Array | Float64Array;

const SHORT = 16;

function insertionSort(a: FloatArray, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function swap(a: FloatArray, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The k-th smallest (0-based) of a[lo..hi] (inclusive), placed at a[k]. */
export function selectKth(a: FloatArray, k: number, lo = 0, hi = a.length - 1): number {
  if (!(k >= lo && k <= hi)) throw new RangeError(`k ${k} is outside ${lo}..${hi}`);
  while (hi - lo >= SHORT) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // a[lo..j] ≤ pivot, a[i..hi] ≥ pivot, and anything strictly between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  insertionSort(a, lo, hi);
  return a[k];
}

/** Smallest value of a[lo..hi] (inclusive). */
export function minOf(a: FloatArray, lo: number, hi: number): number {
  let m = a[lo];
  for (let i = lo + 1; i <= hi; i++) if (a[i] < m) m = a[i];
  return m;
}

/**
 * Linear-interpolated quantiles of the first n values (numpy's default `method="linear"`,
 * Hyndman & Fan type 7, which openEO `quantiles` also uses): h = p × (n − 1), value =
 * x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]). Reorders a[0..n-1]. Probabilities must ascend.
 */
export function quantilesInPlace(a: FloatArray, n: number, probabilities: readonly number[]): number[] {
  if (n === 0) return probabilities.map(() => NaN);
  const out: number[] = [];
  let lo = 0;
  let previous = -Infinity;
  for (const p of probabilities) {
    if (!(p >= 0 && p <= 1) || p < previous) throw new RangeError('probabilities must ascend within [0, 1]');
    previous = p;
    const h = p * (n - 1);
    const below = Math.floor(h);
    const fraction = h - below;
    // Everything before `lo` is ≤ a[lo - 1] ≤ the values still to find, so each search narrows.
    const x0 = selectKth(a, below, Math.min(lo, below), n - 1);
    lo = below;
    if (fraction === 0 || below + 1 >= n) {
      out.push(x0);
      continue;
    }
    const x1 = minOf(a, below + 1, n - 1);
    out.push(lerp(x0, x1, fraction));
  }
  return out;
}

/** numpy's `_lerp`: a + (b − a)·t, computed from b's side for t ≥ 0.5 so t = 1 gives b exactly. */
export function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}
