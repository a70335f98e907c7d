/**
 * A tile's observations, in time order, mosaicked and reduced: the mosaics of the next
 * MOSAICS_AHEAD observations are being read while one is reduced, its outputs evaluated and handed
 * to the temporal reduction. Also, per pixel, whether some observation was cloud-masked there.
 */
import { PixelCoordinateCache } from '../../lib/geo/pixel-coordinate-cache';
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

/** How an area task reads: warps to that bound, sharing their coordinates across bands and scenes. */
export function areaReadContext(decodedTileBytes?: number): ReadContext {
  return { maxErrorPixels: WARP_MAX_ERROR_PIXELS, decodedTileBytes, coordinates: new PixelCoordinateCache(WARP_MAX_ERROR_PIXELS) };
}

/**
 * Observations whose mosaics are read while an earlier one is reduced: their byte reads (each a
 * round trip to the main thread) are under way while this thread computes. Each costs its mosaic,
 * a few MB per 512² tile whatever the number of observations.
 */
const MOSAICS_AHEAD = 3;

export interface ReducedObservations extends ReducedPlanes {
  /** 1 where some observation was cloud-masked; when asked for. */
  cloudAny: Uint8Array | null;
}

/** What a caller needs besides the reduced planes. */
export interface ReductionNeeds {
  /** Valid observations per pixel. */
  count?: boolean;
  /** Where some observation was cloud-masked. */
  cloudAny?: boolean;
}

export async function reduceObservations(
  observations: readonly AreaObservation[], values: AreaValues, reducer: CompositeReducer, target: RasterGrid, io: ReadContext,
  needs: ReductionNeeds = {},
): Promise<ReducedObservations> {
  const pixels = target.width * target.height;
  const reduction = createTemporalReduction(reducer, values.outputs.length, pixels, needs.count ?? false);
  const cloudAny = needs.cloudAny ? new Uint8Array(pixels) : null;
  const start = (k: number): Promise<Mosaic> | null => {
    if (k >= observations.length) return null;
    const pending = mosaicObservation(observations[k], values.variables, target, io, reducer === 'max_ndvi');
    // Awaited on the next turn; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
    return pending;
  };
  const ahead: (Promise<Mosaic> | null)[] = [];
  for (let k = 0; k < MOSAICS_AHEAD; k++) ahead.push(start(k));
  for (let k = 0; k < observations.length; k++) {
    const mosaic = await ahead.shift()!;
    ahead.push(start(k + MOSAICS_AHEAD));
    if (cloudAny) for (let i = 0; i < pixels; i++) cloudAny[i] |= mosaic.cloud[i];
    reduction.add(observationOutputs(values, mosaic, reducer === 'max_ndvi'));
  }
  return { ...reduction.result(), cloudAny };
}
