/**
 * `encode-cog-tile`: the COG writer's encode hook run on a pool thread — one band of one tile,
 * predictor + zlib (workers/lib/cog/deflate-tile.ts), the bytes returned by transfer.
 */
import { encodeTileBytes } from '../../lib/cog/deflate-tile';
import type { EncodeCogTileTask } from '../../protocol/raster-tasks';
import { withTransfer, type TransferOutput } from '../io/task-io';

export function encodeCogTileTask(task: EncodeCogTileTask): TransferOutput<Uint8Array> {
  const bytes = encodeTileBytes(task.tile, task.strategy);
  return withTransfer(bytes, [bytes.buffer as ArrayBuffer]);
}
