/**
 * Reducing a time-ordered stack of observation planes (Float32Array of P pixels each, NaN = no
 * valid observation) to one plane, as openEO `reduce_dimension(dimension="t")` with the reducers
 * `mean`, `min`, `max`, `first`, `last`, `count` and `median`, all with `ignore_nodata = true`
 * (their default): NaN never counts, a pixel with no valid observation is NaN (count: 0).
 *
 * Everything but the median is streamed: `createAccumulator(reducer, P)`, then `add(plane)` once
 * per observation in time order, then `result()`. Memory is fixed whatever the number of planes:
 * mean 12 B/pixel (float64 sum + uint32 count), count 4, min/max/first/last 4 (the running value;
 * float32 holds every input exactly). Arithmetic is float64; results are float32.
 * The median needs every observation of a pixel at once: see temporal-median.ts.
 */
import { medianOfStack } from './temporal-median';

export type StreamingReducer = 'mean' | 'min' | 'max' | 'first' | 'last' | 'count';
export type TemporalReducer = StreamingReducer | 'median';

export const STREAMING_REDUCERS: readonly StreamingReducer[] = ['mean', 'min', 'max', 'first', 'last', 'count'];

export function isStreamingReducer(value: string): value is StreamingReducer {
  return (STREAMING_REDUCERS as readonly string[]).includes(value);
}

export interface PlaneAccumulator {
  readonly reducer: StreamingReducer;
  readonly pixels: number;
  /** Planes added so far. */
  readonly planes: number;
  /** Adds the next observation (later in time than those already added). */
  add(plane: Float32Array): void;
  /** The reduced plane so far (a new array unless `out` is given); the accumulator stays usable. */
  result(out?: Float32Array): Float32Array;
}

interface State {
  add(plane: Float32Array): void;
  result(out: Float32Array): void;
}

function meanState(pixels: number): State {
  const sum = new Float64Array(pixels);
  const count = new Uint32Array(pixels);
  return {
    add(plane) {
      for (let i = 0; i < pixels; i++) {
        const v = plane[i];
        if (v === v) {
          sum[i] += v;
          count[i]++;
        }
      }
    },
    result(out) {
      for (let i = 0; i < pixels; i++) out[i] = count[i] ? sum[i] / count[i] : NaN;
    },
  };
}

function countState(pixels: number): State {
  const count = new Uint32Array(pixels);
  return {
    add(plane) {
      for (let i = 0; i < pixels; i++) if (plane[i] === plane[i]) count[i]++;
    },
    result(out) {
      for (let i = 0; i < pixels; i++) out[i] = count[i];
    },
  };
}

/** min, max, first, last: one running float32 value per pixel, NaN until a valid one arrives. */
function runningState(pixels: number, replace: (current: number, next: number) => boolean): State {
  const value = new Float32Array(pixels).fill(NaN);
  return {
    add(plane) {
      for (let i = 0; i < pixels; i++) {
        const v = plane[i];
        if (v === v && replace(value[i], v)) value[i] = v;
      }
    },
    result(out) {
      out.set(value);
    },
  };
}

function stateFor(reducer: StreamingReducer, pixels: number): State {
  switch (reducer) {
    case 'mean': return meanState(pixels);
    case 'count': return countState(pixels);
    // `!(current <= v)` is true for a NaN current, so the first valid value always lands.
    case 'min': return runningState(pixels, (current, v) => !(current <= v));
    case 'max': return runningState(pixels, (current, v) => !(current >= v));
    case 'first': return runningState(pixels, (current) => current !== current);
    case 'last': return runningState(pixels, () => true);
    default: throw new Error(`'${String(reducer)}' is not a streaming reducer`);
  }
}

export function createAccumulator(reducer: StreamingReducer, pixels: number): PlaneAccumulator {
  if (!Number.isInteger(pixels) || pixels < 0) throw new RangeError(`invalid pixel count ${pixels}`);
  const state = stateFor(reducer, pixels);
  let planes = 0;
  return {
    reducer,
    pixels,
    get planes() { return planes; },
    add(plane) {
      if (plane.length !== pixels) throw new Error(`plane has ${plane.length} pixels, accumulator ${pixels}`);
      state.add(plane);
      planes++;
    },
    result(out = new Float32Array(pixels)) {
      if (out.length !== pixels) throw new Error(`output has ${out.length} pixels, accumulator ${pixels}`);
      state.result(out);
      return out;
    },
  };
}

/** Any reducer over a whole time-ordered stack (planes[0] earliest). */
export function reduceStack(reducer: TemporalReducer, planes: readonly Float32Array[], pixels = planes[0]?.length ?? 0, out?: Float32Array): Float32Array {
  if (reducer === 'median') return medianOfStack(planes, pixels, out);
  const accumulator = createAccumulator(reducer, pixels);
  for (const plane of planes) accumulator.add(plane);
  return accumulator.result(out);
}
