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

/**
 * Area jobs are held to gdalwarp -et 0 within 1e-4: across a sharp field edge a coordinate off by
 * 0.05 pixel (warp.ts's default) moves reflectance by ~1e-3, so warps here approximate their
 * coordinates to a thousandth of a pixel (the lattice of exact projections gets denser, still a
 * small share of a tile's work).
 */
export const WARP_MAX_ERROR_PIXELS = 1e-3;

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
    const pending = mosaicObservation(observations[k], values.variables, target, io, reducer === 'max_ndvi');
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
