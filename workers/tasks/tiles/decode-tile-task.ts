/**
 * `decode-cog-tile`: turns tiles this engine encoded (zlib + floating-point predictor, float32)
 * back into planes — what a job resumed after a restart does with the tiles it had finished.
 */
import { withTransfer, type TransferOutput } from '../../pool/task-channel';
import { inflateBlock } from '../cog/zlib-deflate-decoder';
import { undoFloatingPointPredictor } from './float-predictor-decode';

export interface DecodeCogTileTask {
  kind: 'decode-cog-tile';
  /** One encoded block per band. */
  blocks: Uint8Array[];
  /** Tile width in pixels (the predictor's row length). */
  width: number;
}

export function decodeCogTileTask(task: DecodeCogTileTask): TransferOutput<Float32Array[]> {
  const planes = task.blocks.map((block) => undoFloatingPointPredictor(new Uint8Array(inflateBlock(block, 4 * task.width * task.width), 0, 4 * task.width * task.width), task.width));
  return withTransfer(planes, planes.map((plane) => plane.buffer as ArrayBuffer));
}
