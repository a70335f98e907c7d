/**
 * The tasks of area jobs across scenes (composite, period change, time series; issue 15): what a
 * worker needs to compute one output tile from many observations. Plain data built by the
 * service (electron/service/processing/area/) and stored with the job, so a resumed job computes
 * the same tiles. Types, and the one default both sides use.
 *
 * An observation is one platform's pass on one solar day: its scenes in mosaic order (first valid
 * wins). A scene's pixel is valid when every variable is a number and its cloud mask allows it.
 * Each observation's mosaic gives the variables; the outputs are variables themselves or band
 * math over them; the temporal reducer combines observations per pixel.
 */
import type { AreaPartial } from '../lib/cube/area-statistics';
import type { TemporalReducer } from '../lib/cube/temporal-reducers';
import type { RasterGrid } from '../lib/raster-types';
import type { MaskBand, ReflectanceBand } from './scene-recipe';
import type { TileEncodeOptions } from './tile-encode';

/** A worker's decoded-tile cache bound when a task names none (a single scene's neighbours). */
export const DEFAULT_DECODED_TILE_BYTES = 24 * 1024 * 1024;

/** A linear adjustment applied to reflectance after scale/offset (HLS bandpass adjustment). */
export interface BandAdjustment {
  slope: number;
  offset: number;
}

export interface AreaBand extends ReflectanceBand {
  /** Applied after radiometry, before resampling; null = none. */
  adjust: BandAdjustment | null;
}

export interface AreaScene {
  /** API scene id. */
  id: string;
  /** By variable name. */
  bands: Record<string, AreaBand>;
  /** Null: not masked (mask_clouds false, or the scene has no mask band). */
  mask: MaskBand | null;
}

export interface AreaObservation {
  /** In mosaic order: the first valid scene gives a pixel's variables. */
  scenes: AreaScene[];
}

export interface AreaOutput {
  name: string;
  /** Band math over the variables; null = the variable `name` itself. */
  expression: string | null;
}

export interface AreaValues {
  /** Every variable a mosaic holds (a pixel is valid only when all are numbers). */
  variables: string[];
  outputs: AreaOutput[];
}

export type CompositeReducer = TemporalReducer | 'max_ndvi';

/** The area's outline in the output grid's CRS, rasterized per tile (pixel centres inside). */
export interface AreaOutline {
  /** MultiPolygon coordinates: polygons of rings of [x, y]. */
  polygons: number[][][][];
  /** The whole output grid: tile masks are exact crops of its mask. */
  grid: RasterGrid;
}

interface AreaTileBase {
  /** The tile's part of the output grid. */
  target: RasterGrid;
  /** Column and row of the tile's first pixel in the output grid. */
  col: number;
  row: number;
  values: AreaValues;
  outline: AreaOutline;
  /**
   * Rows computed at once, so a median's stack (rows × width × observations × outputs × 4 bytes)
   * stays within its budget; the whole tile when absent.
   */
  stripRows?: number;
  /** Bound of the worker's decoded-tile cache while the task reads (tasks/cog/decoded-tiles.ts); DEFAULT_DECODED_TILE_BYTES when absent. */
  decodedTileBytes?: number;
}

export type AreaRasterOperation =
  /** One band per output (+ `valid_count`): the reducer over the observations. */
  | { type: 'composite'; observations: AreaObservation[]; reducer: CompositeReducer; validCount: boolean }
  /** after − before of two composites of the first output, and the −1/0/+1 class at ±threshold. */
  | { type: 'change'; before: AreaObservation[]; after: AreaObservation[]; reducer: TemporalReducer; threshold: number };

/** `area-tile`: one output tile of a composite or period change; answered like process-tile. */
export interface AreaTileTask extends AreaTileBase {
  kind: 'area-tile';
  op: AreaRasterOperation;
  encode?: TileEncodeOptions;
  recycled?: ArrayBuffer[];
}

/**
 * `area-statistics`: one tile's share of some time-series entries: per entry, its observations
 * reduced per pixel (one observation: its mosaic), then each output's statistics over the tile's
 * pixels inside the area (workers/lib/cube/area-statistics.ts), cloud-masked pixels counted apart.
 * The entries are read at once (their byte reads and inflation overlap), so a batch of several is
 * only sent for small tiles (engine/run-timeseries.ts).
 */
export interface AreaStatisticsTask extends AreaTileBase {
  kind: 'area-statistics';
  /** Per entry, its observations that reach this tile. */
  entries: AreaObservation[][];
  reducer: TemporalReducer;
}

export interface AreaStatisticsResult {
  /** Per entry (in the task's order), one per output, mergeable across tiles. */
  partials: AreaPartial[][];
}
