/**
 * `process-tile`: one output tile of an index or change job. Reads every band it needs over the
 * task's byte channel (the thread keeps the files open), evaluates the scene expression(s) on
 * the tile's grid and returns the output bands by transfer:
 * - index:  [value]
 * - change: [after − before, class −1/0/+1 at ±threshold], NaN where either scene is masked.
 * With `encode`, it also encodes each band as the COG writer's full-resolution block (padded to
 * the tile size with NaN exactly as the writer pads, predictor + deflate), so the tile needs no
 * second trip to a worker before it is spooled.
 */
import { classifyChange } from '../../lib/change';
import { encodeTileBytes } from '../../lib/cog/deflate-tile';
import { predictTile } from '../../lib/cog/predictor';
import type { ProcessTileResult, ProcessTileTask } from '../../protocol/raster-tasks';
import { withTransfer, type TransferOutput } from '../io/task-io';
import { giveBack, takeFloat32 } from './scratch';
import { evaluateScene } from './evaluate-scene';

/** The plane as the COG writer stores it: tileSize × tileSize, NaN outside the raster. */
function padded(plane: Float32Array, width: number, height: number, tileSize: number): Float32Array {
  if (width === tileSize && height === tileSize) return plane;
  const out = takeFloat32(tileSize * tileSize).fill(NaN);
  for (let row = 0; row < height; row++) out.set(plane.subarray(row * width, (row + 1) * width), row * tileSize);
  return out;
}

function difference(after: Float32Array, before: Float32Array): Float32Array {
  const out = takeFloat32(after.length);
  for (let i = 0; i < out.length; i++) out[i] = after[i] - before[i];
  return out;
}

export async function processTileTask(task: ProcessTileTask): Promise<TransferOutput<ProcessTileResult>> {
  const io = {};
  const { op, target } = task;
  for (const buffer of task.recycled ?? []) if (buffer.byteLength % 4 === 0) giveBack(new Float32Array(buffer));
  let planes: Float32Array[];
  if (op.type === 'index') {
    planes = [await evaluateScene(op.scene, target, io)];
  } else {
    const [before, after] = await Promise.all([evaluateScene(op.before, target, io), evaluateScene(op.after, target, io)]);
    const diff = difference(after, before);
    giveBack(before, after);
    planes = [diff, classifyChange(diff, op.threshold).classes];
  }
  let blocks: Uint8Array[] | undefined;
  let predicted: Uint8Array[] | undefined;
  if (task.encode) {
    const { tileSize, compressionLevel, strategy, deflate = 'worker' } = task.encode;
    const encoded = planes.map((plane, band) => {
      const samples = padded(plane, target.width, target.height, tileSize);
      // Predicted bytes go out by transfer and come back in `recycled` once deflated: a pooled buffer.
      const bytes = deflate === 'caller'
        ? predictTile(samples, tileSize, new Uint8Array(takeFloat32(tileSize * tileSize).buffer))
        : encodeTileBytes({ samples, width: tileSize, dataType: 'float32', compressionLevel, level: 0, tx: 0, ty: 0, band }, strategy);
      if (samples !== plane) giveBack(samples);
      return bytes;
    });
    if (deflate === 'caller') predicted = encoded;
    else blocks = encoded;
  }
  return withTransfer({ planes, blocks, predicted }, [...planes, ...(blocks ?? []), ...(predicted ?? [])].map((array) => array.buffer as ArrayBuffer));
}
