/**
 * The tasks of the raster worker entry (workers/raster-task.ts, built to out/main/raster-task.js)
 * and what each resolves to: the message types both sides share. The service's raster pool runs
 * them (`WorkerPool<RasterTasks>.runTask`); the worker dispatches on `kind`. Types only.
 *
 * Adding a task: its input type here, a `RasterTasks` entry with its result, a case in the
 * entry's dispatch.
 */
import type { DeflateStrategy } from '../lib/cog/deflate-tile';
import type { EncodeTileTask } from '../lib/cog/encode-tile';
import type { RasterGrid } from '../lib/raster-types';
import type { AreaStatisticsResult, AreaStatisticsTask, AreaTileTask } from './area-tasks';
import type { SceneRecipe } from './scene-recipe';
import type { TileEncodeOptions } from './tile-encode';

export interface PingTask {
  kind: 'ping';
  value: number;
}

/** `spin`: a diagnostic task that burns CPU in chunks (workers/tasks/diagnostics/spin-task.ts). */
export interface SpinTask {
  kind: 'spin';
  chunks: number;
  chunkMs: number;
  /** Doubled into `doubled` in the result. */
  data?: Float64Array;
  /** Int32Array over a SharedArrayBuffer: [0] = chunks done, [1] = this worker's threadId. */
  heartbeat?: Int32Array;
  /** Throw after this many chunks (to test failure paths). */
  failAfter?: number;
}

export interface SpinResult {
  chunks: number;
  threadId: number;
  checksum: number;
  doubled: Float64Array | null;
}

export type TileOperation =
  | { type: 'index'; scene: SceneRecipe }
  | { type: 'change'; before: SceneRecipe; after: SceneRecipe; threshold: number };

/**
 * `process-tile`: one output tile of an index or change job (workers/tasks/process/). Its band
 * bytes are read over the task's port (byte-read.ts): the pool must be given a byte reader.
 */
export interface ProcessTileTask {
  kind: 'process-tile';
  /** The tile's part of the output grid (edge tiles are smaller than the tile size). */
  target: RasterGrid;
  op: TileOperation;
  /** Also encode the full-resolution COG blocks of this tile (tile-encode.ts). */
  encode?: TileEncodeOptions;
  /**
   * Float32 buffers of earlier results the caller is done with, sent back (transferred) to be
   * reused for this thread's next outputs: fewer ArrayBuffers made and collected on both sides.
   */
  recycled?: ArrayBuffer[];
}

export interface ProcessTileResult {
  /** One plane per output band, target.width × target.height, row-major. */
  planes: Float32Array[];
  /** With `encode`: one encoded block per band. */
  blocks?: Uint8Array[];
  /** With `encode.deflate: 'caller'`: one predicted (not yet deflated) block per band. */
  predicted?: Uint8Array[];
}

/** `encode-cog-tile`: the COG writer's encode hook run on a pool thread. */
export interface EncodeCogTileTask {
  kind: 'encode-cog-tile';
  tile: EncodeTileTask;
  /** Default 'rle'. */
  strategy?: DeflateStrategy;
}

/** `decode-cog-tile`: blocks this engine encoded (float32, predictor 3) back into planes. */
export interface DecodeCogTileTask {
  kind: 'decode-cog-tile';
  /** One encoded block per band. */
  blocks: Uint8Array[];
  /** Tile width in pixels (the predictor's row length). */
  width: number;
}

/** Each task kind and the result WorkerPool.runTask resolves it with. */
export interface RasterTasks {
  ping: { task: PingTask; result: { pong: number; threadId: number } };
  spin: { task: SpinTask; result: SpinResult };
  'process-tile': { task: ProcessTileTask; result: ProcessTileResult };
  'encode-cog-tile': { task: EncodeCogTileTask; result: Uint8Array };
  'decode-cog-tile': { task: DecodeCogTileTask; result: Float32Array[] };
  'area-tile': { task: AreaTileTask; result: ProcessTileResult };
  'area-statistics': { task: AreaStatisticsTask; result: AreaStatisticsResult };
}

export type RasterTask = RasterTasks[keyof RasterTasks]['task'];
