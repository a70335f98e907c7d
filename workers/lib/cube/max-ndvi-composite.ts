/**
 * The greenest-pixel composite: each output pixel takes ALL its bands from the one observation
 * with the highest NDVI there. NaN NDVI is never chosen; on equal NDVI the earliest observation
 * wins (observations must arrive in time order); a pixel no observation has a valid NDVI for is
 * NaN in every band, and its chosen index is −1. The chosen observation's band values are taken
 * as they are, NaN included.
 *
 * Streamed like the other reducers: memory is bands × 4 bytes per pixel for the values so far,
 * 8 for the best NDVI and 4 for the chosen index, whatever the number of observations. NDVI may be
 * given in float64 (then compared in float64: ties between observations stay ties, as in numpy).
 */
export interface MaxNdviResult {
  /** One plane per band, in the order the bands were given. */
  readonly bands: Float32Array[];
  /** The NDVI of the chosen observation (NaN where none). */
  readonly ndvi: Float64Array;
  /** Index (0-based, in the order added) of the chosen observation, −1 where none. */
  readonly chosen: Int32Array;
}

export interface MaxNdviAccumulator {
  readonly pixels: number;
  readonly bandCount: number;
  /** Adds the next observation: its NDVI plane and its band planes (same band order each time). */
  add(ndvi: Float32Array | Float64Array, bands: readonly Float32Array[]): void;
  /** The composite so far; the arrays are the accumulator's own (copy them to keep adding). */
  result(): MaxNdviResult;
}

export function createMaxNdviAccumulator(bandCount: number, pixels: number): MaxNdviAccumulator {
  const best = new Float64Array(pixels).fill(NaN);
  const chosen = new Int32Array(pixels).fill(-1);
  const values = Array.from({ length: bandCount }, () => new Float32Array(pixels).fill(NaN));
  let observations = 0;
  return {
    pixels,
    bandCount,
    add(ndvi, bands) {
      if (ndvi.length !== pixels) throw new Error(`NDVI plane has ${ndvi.length} pixels, expected ${pixels}`);
      if (bands.length !== bandCount) throw new Error(`observation has ${bands.length} bands, expected ${bandCount}`);
      for (const band of bands) if (band.length !== pixels) throw new Error(`band plane has ${band.length} pixels, expected ${pixels}`);
      const index = observations++;
      for (let i = 0; i < pixels; i++) {
        const v = ndvi[i];
        // Strictly greater: an equal NDVI later in time does not replace the earlier one.
        if (v === v && !(best[i] >= v)) {
          best[i] = v;
          chosen[i] = index;
          for (let b = 0; b < bandCount; b++) values[b][i] = bands[b][i];
        }
      }
    },
    result: () => ({ bands: values, ndvi: best, chosen }),
  };
}

/**
 * The composite of whole stacks: `ndvi[t]` is observation t's NDVI plane, `bands[b][t]` band b of
 * observation t (each band stack parallel to the NDVI stack, earliest first).
 */
export function maxNdviComposite(ndvi: readonly Float32Array[], bands: readonly (readonly Float32Array[])[]): MaxNdviResult {
  for (const stack of bands) {
    if (stack.length !== ndvi.length) throw new Error(`a band stack has ${stack.length} observations, the NDVI stack ${ndvi.length}`);
  }
  const accumulator = createMaxNdviAccumulator(bands.length, ndvi[0]?.length ?? 0);
  ndvi.forEach((plane, t) => accumulator.add(plane, bands.map((stack) => stack[t])));
  return accumulator.result();
}
