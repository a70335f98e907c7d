/**
 * Change classification of an index difference (after − before): +1 gain where diff > threshold,
 * −1 loss where diff < −threshold, 0 otherwise, NaN where the difference is NaN. Mergeable counts
 * per tile; areas via `pixelsToHectares`.
 */
export interface ChangeCounts {
  readonly gain: number;
  readonly loss: number;
  readonly unchanged: number;
  /** NaN (no data) pixels. */
  readonly invalid: number;
}

export interface ChangeClassification {
  /** −1 / 0 / +1, NaN where diff is NaN (Float32 because Int8 cannot hold "no data"). */
  readonly classes: Float32Array;
  readonly counts: ChangeCounts;
}

export function classifyChange(diff: Float32Array, threshold: number): ChangeClassification {
  if (!(threshold >= 0)) throw new Error(`change threshold must be a number ≥ 0, got ${threshold}`);
  const classes = new Float32Array(diff.length);
  let gain = 0;
  let loss = 0;
  let invalid = 0;
  for (let i = 0; i < diff.length; i++) {
    const d = diff[i];
    if (d !== d) {
      classes[i] = NaN;
      invalid++;
    } else if (d > threshold) {
      classes[i] = 1;
      gain++;
    } else if (d < -threshold) {
      classes[i] = -1;
      loss++;
    }
  }
  return { classes, counts: { gain, loss, invalid, unchanged: diff.length - gain - loss - invalid } };
}

export function mergeChangeCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  return { gain: a.gain + b.gain, loss: a.loss + b.loss, unchanged: a.unchanged + b.unchanged, invalid: a.invalid + b.invalid };
}

/** pixels × pixel area (m²) / 10 000 m² per hectare. */
export function pixelsToHectares(pixels: number, pixelAreaSquareMetres: number): number {
  return (pixels * pixelAreaSquareMetres) / 10_000;
}
