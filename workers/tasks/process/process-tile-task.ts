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
import type { ProcessTileResult, ProcessTileTask } from '../../protocol/raster-tasks';
import { withTransfer, type TransferOutput } from '../io/task-io';
import { encodePlanes } from './encode-planes';
import { giveBack, takeFloat32 } from './scratch';
import { evaluateScene } from './evaluate-scene';

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
  const { blocks, predicted } = encodePlanes(planes, target, task.encode);
  return withTransfer({ planes, blocks, predicted }, [...planes, ...(blocks ?? []), ...(predicted ?? [])].map((array) => array.buffer as ArrayBuffer));
}
