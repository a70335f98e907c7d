/** Differences between two float arrays: NaN sets must match; max |a − b| over pixels valid in both. */
export interface FloatComparison {
  readonly maxAbsDiff: number;
  /** Pixels NaN in exactly one of the two. */
  readonly nanMismatches: number;
  readonly validInBoth: number;
}

export function compareFloatArrays(a: ArrayLike<number>, b: ArrayLike<number>): FloatComparison {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let maxAbsDiff = 0;
  let nanMismatches = 0;
  let validInBoth = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const xNaN = Number.isNaN(x);
    const yNaN = Number.isNaN(y);
    if (xNaN !== yNaN) nanMismatches++;
    else if (!xNaN) {
      validInBoth++;
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(x - y));
    }
  }
  return { maxAbsDiff, nanMismatches, validInBoth };
}
