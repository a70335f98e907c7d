/**
 * The observations of a tile reduced over time, per output, in time order (workers/lib/cube):
 * streaming accumulators (mean, min, max, first, last, count: fixed memory whatever the number of
 * observations), the median over the kept stack (pixels × observations × 4 bytes per output), or
 * the greenest pixel (every output from the observation with the highest NDVI). Also the count of
 * valid observations per pixel: of the first output, or of the NDVI for the greenest pixel.
 */
import { createMaxNdviAccumulator, type MaxNdviAccumulator } from '../../lib/cube/max-ndvi-composite';
import { medianOfStack } from '../../lib/cube/temporal-median';
import { createAccumulator, type PlaneAccumulator } from '../../lib/cube/temporal-reducers';
import type { CompositeReducer } from '../../protocol/area-tasks';
import { giveBack, takeFloat32 } from '../process/scratch';
import type { ObservationOutputs } from './observation-outputs';

export interface ReducedPlanes {
  /** One per output. */
  planes: Float32Array[];
  /** Valid observations per pixel, when asked for. */
  count: Float32Array | null;
}

export interface TemporalReduction {
  /** The next observation's outputs (taken over: the reduction gives them back or keeps them). */
  add(outputs: ObservationOutputs): void;
  result(): ReducedPlanes;
}

export function createTemporalReduction(reducer: CompositeReducer, outputs: number, pixels: number, withCount: boolean): TemporalReduction {
  const count = withCount ? new Uint32Array(pixels) : null;
  const tally = (plane: Float32Array | Float64Array) => {
    if (count) for (let i = 0; i < pixels; i++) if (plane[i] === plane[i]) count[i]++;
  };
  const counted = (): Float32Array | null => count && Float32Array.from(count);
  if (reducer === 'median') {
    const stacks: Float32Array[][] = Array.from({ length: outputs }, () => []);
    return {
      add({ planes }) {
        tally(planes[0]);
        planes.forEach((plane, o) => stacks[o].push(plane));
      },
      result() {
        const planes = stacks.map((stack) => {
          const out = medianOfStack(stack, pixels, takeFloat32(pixels));
          giveBack(...stack);
          return out;
        });
        return { planes, count: counted() };
      },
    };
  }
  if (reducer === 'max_ndvi') {
    const greenest: MaxNdviAccumulator = createMaxNdviAccumulator(outputs, pixels);
    return {
      add({ planes, ndvi }) {
        if (!ndvi) throw new Error('max_ndvi needs each observation\'s NDVI');
        tally(ndvi);
        greenest.add(ndvi, planes);
        giveBack(...planes);
      },
      result: () => ({ planes: greenest.result().bands, count: counted() }),
    };
  }
  const accumulators: PlaneAccumulator[] = Array.from({ length: outputs }, () => createAccumulator(reducer, pixels));
  return {
    add({ planes }) {
      tally(planes[0]);
      planes.forEach((plane, o) => accumulators[o].add(plane));
      giveBack(...planes);
    },
    result: () => ({ planes: accumulators.map((accumulator) => accumulator.result(takeFloat32(pixels))), count: counted() }),
  };
}
