/**
 * A tile's observations, in time order, mosaicked and reduced: each observation's mosaic is read
 * while the one before it is reduced (two at most in memory), its outputs evaluated and handed to
 * the temporal reduction. Also, per pixel, whether some observation was cloud-masked there.
 */
import type { RasterGrid } from '../../lib/raster-types';
import type { AreaObservation, AreaValues, CompositeReducer } from '../../protocol/area-tasks';
import type { ReadContext } from '../grid/band-on-grid';
import { mosaicObservation, type Mosaic } from './observation-mosaic';
import { observationOutputs } from './observation-outputs';
import { createTemporalReduction, type ReducedPlanes } from './temporal-reduction';

export interface ReducedObservations extends ReducedPlanes {
  /** 1 where some observation was cloud-masked. */
  cloudAny: Uint8Array;
}

export async function reduceObservations(
  observations: readonly AreaObservation[], values: AreaValues, reducer: CompositeReducer, target: RasterGrid, io: ReadContext,
): Promise<ReducedObservations> {
  const pixels = target.width * target.height;
  const reduction = createTemporalReduction(reducer, values.outputs.length, pixels);
  const cloudAny = new Uint8Array(pixels);
  const start = (k: number): Promise<Mosaic> | null => {
    if (k >= observations.length) return null;
    const pending = mosaicObservation(observations[k], values.variables, target, io);
    // Awaited on the next turn; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
    return pending;
  };
  let next = start(0);
  for (let k = 0; next; k++) {
    const mosaic = await next;
    next = start(k + 1);
    for (let i = 0; i < pixels; i++) cloudAny[i] |= mosaic.cloud[i];
    reduction.add(observationOutputs(values, mosaic, reducer === 'max_ndvi'));
  }
  return { ...reduction.result(), cloudAny };
}
