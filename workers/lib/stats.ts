/**
 * Raster statistics that ignore NaN, computed per tile and merged: merge(partial(a), partial(b))
 * equals partial(a ++ b) (counts, min and max exactly; the sum up to float64 rounding order).
 */
export interface PartialStats {
  /** All pixels seen, valid or not. */
  readonly count: number;
  /** Pixels that were not NaN. */
  readonly validCount: number;
  readonly sum: number;
  /** +Infinity / −Infinity while no valid pixel was seen. */
  readonly min: number;
  readonly max: number;
}

/** The `stats` object of a job result (api.md); null where there was no valid pixel. */
export interface RasterStats {
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly valid_fraction: number;
}

export const EMPTY_STATS: PartialStats = { count: 0, validCount: 0, sum: 0, min: Infinity, max: -Infinity };

export function partialStats(values: Float32Array | Float64Array): PartialStats {
  let validCount = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    validCount++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { count: values.length, validCount, sum, min, max };
}

export function mergeStats(a: PartialStats, b: PartialStats): PartialStats {
  return {
    count: a.count + b.count,
    validCount: a.validCount + b.validCount,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

export function finalizeStats(p: PartialStats): RasterStats {
  const any = p.validCount > 0;
  return {
    min: any ? p.min : null,
    max: any ? p.max : null,
    mean: any ? p.sum / p.validCount : null,
    valid_fraction: p.count > 0 ? p.validCount / p.count : 0,
  };
}

// Change classification lives in change.ts; re-exported so "stats" callers find it here too.
export { classifyChange, mergeChangeCounts, pixelsToHectares, type ChangeClassification, type ChangeCounts } from './change';
