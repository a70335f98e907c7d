/**
 * `area-statistics`: one tile's share of some time-series entries (workers/protocol/area-tasks.ts):
 * per entry, its observations reduced per pixel (a single one: its mosaic), then per output the
 * statistics of the tile's pixels inside the area (workers/lib/cube/area-statistics.ts
 * `areaPartial`: moments, extremes and the valid values for exact order statistics), a pixel
 * counted as cloud-masked where it has no value and some observation was masked there. Partials
 * merge across tiles. The entries run concurrently: while one waits for its bytes, another's
 * inflate (off this thread, tasks/cog/tile-front-rows.ts) or arithmetic goes on.
 */
import { areaPartial, mergeAreaPartials, type AreaPartial } from '../../lib/cube/area-statistics';
import type { AreaObservation, AreaStatisticsResult, AreaStatisticsTask } from '../../protocol/area-tasks';
import type { ReadContext } from '../grid/band-on-grid';
import { withTransfer, type TransferOutput } from '../io/task-io';
import { giveBack } from '../process/scratch';
import { areaReadContext, reduceObservations } from './reduce-observations';
import { stripAreaMask, stripsOf, type Strip } from './tile-strips';

async function stripPartials(task: AreaStatisticsTask, observations: AreaObservation[], strip: Strip, io: ReadContext): Promise<AreaPartial[]> {
  const reduced = await reduceObservations(observations, task.values, task.reducer, strip.grid, io, { cloudAny: true });
  const cloudAny = reduced.cloudAny!;
  const inside = stripAreaMask(task.outline, task.col, task.row, strip);
  const partials = reduced.planes.map((plane) => {
    const cloud = new Uint8Array(plane.length);
    for (let i = 0; i < plane.length; i++) cloud[i] = cloudAny[i] && plane[i] !== plane[i] ? 1 : 0;
    return areaPartial(plane, { area: inside, cloud });
  });
  giveBack(...reduced.planes);
  return partials;
}

async function entryPartials(task: AreaStatisticsTask, observations: AreaObservation[], io: ReadContext): Promise<AreaPartial[]> {
  const perStrip: AreaPartial[][] = [];
  for (const strip of stripsOf(task.target, task.stripRows)) perStrip.push(await stripPartials(task, observations, strip, io));
  return perStrip.length === 1 ? perStrip[0] : task.values.outputs.map((_, o) => mergeAreaPartials(perStrip.map((strips) => strips[o])));
}

export async function areaStatisticsTask(task: AreaStatisticsTask): Promise<TransferOutput<AreaStatisticsResult>> {
  const io = areaReadContext(task.decodedTileBytes);
  const partials = await Promise.all(task.entries.map((observations) => entryPartials(task, observations, io)));
  const buffers = new Set(partials.flat().map((p) => p.values.buffer as ArrayBuffer));
  return withTransfer({ partials }, [...buffers]);
}
