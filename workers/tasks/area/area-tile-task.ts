/**
 * `area-tile`: one output tile of a composite or a period change (workers/protocol/area-tasks.ts).
 * Every band it needs is read over the task's byte channel; the observations are mosaicked and
 * reduced strip by strip; pixels outside the area are NaN in every band (the count too).
 * - composite: one band per output (+ the valid-observation count when asked);
 * - change:    [after − before of the first output, −1/0/+1 at ±threshold], NaN where either
 *              composite has no value.
 * Answered like process-tile: the planes, and the encoded full-resolution blocks with `encode`.
 */
import { classifyChange } from '../../lib/change';
import type { AreaTileTask } from '../../protocol/area-tasks';
import type { ProcessTileResult } from '../../protocol/raster-tasks';
import type { ReadContext } from '../grid/band-on-grid';
import { withTransfer, type TransferOutput } from '../io/task-io';
import { encodePlanes } from '../process/encode-planes';
import { giveBack, takeFloat32 } from '../process/scratch';
import { areaReadContext, reduceObservations } from './reduce-observations';
import { keepInside, stripAreaMask, stripsOf, type Strip } from './tile-strips';

async function stripPlanes(task: AreaTileTask, strip: Strip, io: ReadContext): Promise<Float32Array[]> {
  const { op, values } = task;
  let planes: Float32Array[];
  if (op.type === 'composite') {
    const reduced = await reduceObservations(op.observations, values, op.reducer, strip.grid, io, { count: op.validCount });
    planes = op.validCount ? [...reduced.planes, reduced.count!] : reduced.planes;
  } else {
    const first = { ...values, outputs: values.outputs.slice(0, 1) };
    const before = await reduceObservations(op.before, first, op.reducer, strip.grid, io);
    const after = await reduceObservations(op.after, first, op.reducer, strip.grid, io);
    const diff = takeFloat32(strip.grid.width * strip.grid.height);
    const [a, b] = [after.planes[0], before.planes[0]];
    for (let i = 0; i < diff.length; i++) diff[i] = a[i] - b[i];
    giveBack(a, b);
    planes = [diff, classifyChange(diff, op.threshold).classes];
  }
  const inside = stripAreaMask(task.outline, task.col, task.row, strip);
  return planes.map((plane) => keepInside(plane, inside));
}

export async function areaTileTask(task: AreaTileTask): Promise<TransferOutput<ProcessTileResult>> {
  const io = areaReadContext(task.decodedTileBytes);
  for (const buffer of task.recycled ?? []) if (buffer.byteLength % 4 === 0) giveBack(new Float32Array(buffer));
  const { target } = task;
  const strips = stripsOf(target, task.stripRows);
  let planes: Float32Array[];
  if (strips.length === 1) {
    planes = await stripPlanes(task, strips[0], io);
  } else {
    planes = [];
    for (const strip of strips) {
      const part = await stripPlanes(task, strip, io);
      if (planes.length === 0) planes = part.map(() => new Float32Array(target.width * target.height));
      part.forEach((plane, b) => planes[b].set(plane.subarray(0, strip.grid.width * strip.grid.height), strip.row * target.width));
      giveBack(...part);
    }
  }
  const { blocks, predicted } = encodePlanes(planes, target, task.encode);
  return withTransfer({ planes, blocks, predicted }, [...planes, ...(blocks ?? []), ...(predicted ?? [])].map((array) => array.buffer as ArrayBuffer));
}
