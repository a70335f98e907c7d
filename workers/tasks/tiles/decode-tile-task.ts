/**
 * `decode-cog-tile`: turns tiles this engine encoded (zlib + floating-point predictor, float32)
 * back into planes — what a job resumed after a restart does with the tiles it had finished.
 */
import type { DecodeCogTileTask } from '../../protocol/raster-tasks';
import { inflateBlock } from '../cog/zlib-deflate-decoder';
import { withTransfer, type TransferOutput } from '../io/task-io';
import { undoFloatingPointPredictor } from './float-predictor-decode';

export function decodeCogTileTask(task: DecodeCogTileTask): TransferOutput<Float32Array[]> {
  const planes = task.blocks.map((block) => undoFloatingPointPredictor(new Uint8Array(inflateBlock(block, 4 * task.width * task.width), 0, 4 * task.width * task.width), task.width));
  return withTransfer(planes, planes.map((plane) => plane.buffer as ArrayBuffer));
}
