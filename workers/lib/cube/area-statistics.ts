/**
 * Statistics of one plane (one acquisition or period) over the valid pixels of an area — openEO
 * `aggregate_spatial` with mean, median, sd, min, max and quantiles — computed tile by tile:
 * `areaPartial` per tile (plain data, transferable between threads), `mergeAreaPartials` or an
 * accumulator to combine, `finalizeAreaStatistics` at the end. numpy semantics: std with ddof = 0
 * (`np.nanstd`; openEO `sd` is the sample deviation, ddof = 1), percentiles with the default
 * `method="linear"` (openEO `quantiles` type 7), median `np.nanmedian`.
 *
 * Pixels counted: those inside the area (`area` mask = 1, every pixel when absent). A pixel is valid
 * when it is inside, not cloud-masked and not NaN. cloud_fraction = cloud-masked pixels / pixels
 * that had data, where pixels that had data = valid + cloud-masked.
 *
 * Exactness: mean and std are merged with Chan et al.'s pairwise update of (n, mean, M2) in float64;
 * median and percentiles are exact order statistics, so the valid values are kept: 4 bytes per
 * valid pixel of the area (a 100-megapixel area: 400 MB). Size time-series areas with that in mind
 * (area-grid.ts `sizeCheck` takes the limit). Finalizing reorders the kept values in place.
 */
import { quantilesInPlace } from './select';

export interface AreaPartial {
  readonly areaPixels: number;
  readonly cloudPixels: number;
  readonly validPixels: number;
  /** Mean of the valid values (NaN while there are none). */
  readonly mean: number;
  /** Sum of squared deviations from the mean. */
  readonly m2: number;
  readonly min: number;
  readonly max: number;
  /** The valid values (validPixels of them), for the exact median and percentiles. */
  readonly values: Float32Array;
}

export interface AreaPartialOptions {
  /** 1 = pixel inside the area (polygon-mask.ts); every pixel when absent. */
  readonly area?: Uint8Array;
  /**
   * Cloud-masked pixels: a plane (1 = had data but was masked; its value is then ignored), or the
   * count of such pixels inside the area when the caller has already set them to NaN.
   */
  readonly cloud?: Uint8Array | number;
}

export interface AreaStatistics {
  readonly mean: number | null;
  readonly median: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p10: number | null;
  readonly p90: number | null;
  readonly valid_pixels: number;
  readonly cloud_fraction: number | null;
}

export const EMPTY_AREA_PARTIAL: AreaPartial = {
  areaPixels: 0, cloudPixels: 0, validPixels: 0, mean: NaN, m2: 0, min: Infinity, max: -Infinity, values: new Float32Array(0),
};

export function areaPartial(values: Float32Array, options: AreaPartialOptions = {}): AreaPartial {
  const { area, cloud } = options;
  const cloudPlane = cloud instanceof Uint8Array ? cloud : undefined;
  for (const [name, plane] of [['area', area], ['cloud', cloudPlane]] as const) {
    if (plane && plane.length !== values.length) throw new Error(`${name} mask has ${plane.length} pixels, values ${values.length}`);
  }
  const kept = new Float32Array(values.length);
  let n = 0;
  let areaPixels = 0;
  let cloudPixels = typeof cloud === 'number' ? cloud : 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (area && !area[i]) continue;
    areaPixels++;
    if (cloudPlane && cloudPlane[i]) {
      cloudPixels++;
      continue;
    }
    const v = values[i];
    if (v !== v) continue;
    kept[n++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let m2 = 0;
  for (let i = 0; i < n; i++) m2 += (kept[i] - mean) ** 2;
  return { areaPixels, cloudPixels, validPixels: n, mean, m2, min, max, values: kept.slice(0, n) };
}

/** Chan et al. (1979): the (n, mean, M2) of a ∪ b from those of a and b. */
function combineMoments(a: AreaPartial, b: AreaPartial): { mean: number; m2: number } {
  const n = a.validPixels + b.validPixels;
  if (a.validPixels === 0) return { mean: b.mean, m2: b.m2 };
  if (b.validPixels === 0) return { mean: a.mean, m2: a.m2 };
  const delta = b.mean - a.mean;
  return { mean: a.mean + (delta * b.validPixels) / n, m2: a.m2 + b.m2 + (delta * delta * a.validPixels * b.validPixels) / n };
}

/** The moments and counts of a ∪ b; `values` is taken from `valuesOf` (the caller's buffer). */
function combine(a: AreaPartial, b: AreaPartial, values: Float32Array): AreaPartial {
  return {
    areaPixels: a.areaPixels + b.areaPixels,
    cloudPixels: a.cloudPixels + b.cloudPixels,
    validPixels: a.validPixels + b.validPixels,
    ...combineMoments(a, b),
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    values,
  };
}

/** One partial for all the given ones (the values copied once into a new array). */
export function mergeAreaPartials(partials: readonly AreaPartial[]): AreaPartial {
  const accumulator = createAreaAccumulator(partials.reduce((n, p) => n + p.validPixels, 0));
  for (const p of partials) accumulator.addPartial(p);
  return accumulator.partial();
}

export interface AreaAccumulator {
  /** Adds one tile's plane. */
  add(values: Float32Array, options?: AreaPartialOptions): void;
  /** Adds a partial computed elsewhere (e.g. in a worker thread). */
  addPartial(partial: AreaPartial): void;
  /** Everything added so far (its `values` is a view of the accumulator's buffer). */
  partial(): AreaPartial;
  result(): AreaStatistics;
}

/**
 * Accumulates partials into one value buffer; give `capacity` (e.g. the area's pixel count) to
 * allocate it once, otherwise it doubles as needed.
 */
export function createAreaAccumulator(capacity = 0): AreaAccumulator {
  let buffer = new Float32Array(capacity);
  let total: AreaPartial = EMPTY_AREA_PARTIAL;
  const addPartial = (p: AreaPartial): void => {
    const needed = total.validPixels + p.validPixels;
    if (needed > buffer.length) {
      const grown = new Float32Array(Math.max(needed, buffer.length * 2));
      grown.set(buffer.subarray(0, total.validPixels));
      buffer = grown;
    }
    buffer.set(p.values.subarray(0, p.validPixels), total.validPixels);
    total = combine(total, p, buffer.subarray(0, needed));
  };
  return {
    add: (values, options) => addPartial(areaPartial(values, options)),
    addPartial,
    partial: () => total,
    result: () => finalizeAreaStatistics(total),
  };
}

export function finalizeAreaStatistics(p: AreaPartial): AreaStatistics {
  const withData = p.validPixels + p.cloudPixels;
  const cloud_fraction = withData > 0 ? p.cloudPixels / withData : null;
  if (p.validPixels === 0) {
    return { mean: null, median: null, std: null, min: null, max: null, p10: null, p90: null, valid_pixels: 0, cloud_fraction };
  }
  const [p10, median, p90] = quantilesInPlace(p.values, p.validPixels, [0.1, 0.5, 0.9]);
  return {
    mean: p.mean,
    median,
    std: Math.sqrt(p.m2 / p.validPixels),
    min: p.min,
    max: p.max,
    p10,
    p90,
    valid_pixels: p.validPixels,
    cloud_fraction,
  };
}

/** Statistics of one whole plane. */
export function areaStatistics(values: Float32Array, options: AreaPartialOptions = {}): AreaStatistics {
  return finalizeAreaStatistics(areaPartial(values, options));
}
