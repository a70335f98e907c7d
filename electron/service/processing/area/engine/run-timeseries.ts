/**
 * Runs a time series from its plan, entry by entry (an observation, or a period's observations of
 * one source): each entry's tiles that its scenes reach go to the worker pool (`area-statistics`)
 * in parallel lanes, their partial statistics are merged as they arrive, and once an entry's last
 * tile is in its statistics are final and its values released — so at most about `lanes` ×
 * `batch` entries are open at once, whatever the length of the series. Where the output tiles are
 * small (a point, a field) a task takes a batch of entries, which the worker reads concurrently:
 * a task per entry left the worker waiting for each entry's bytes in turn. Each finished entry is
 * checkpointed: a resumed job computes only the others. Reads ask for no read-ahead: at a point,
 * exactly the block holding it is read per band and scene. Phases: finding_scenes, then reducing
 * (entries).
 */
import { setMaxListeners } from 'node:events';
import { createAreaAccumulator, type AreaAccumulator } from '../../../../../workers/lib/cube/area-statistics';
import type { ByteReadRequest } from '../../../../../workers/protocol/byte-read';
import type { JobRunContext } from '../../../jobs/job-kind';
import type { TimeseriesEntry, TimeseriesResult } from '../../../jobs/area-job-types';
import type { JobResult } from '../../../jobs/types';
import { forEachInLanes } from '../../engine/bounded-lanes';
import { OUTPUT_TILE_SIZE, outputTile, tileCount, type OutputTile } from '../../engine/tile-layout';
import type { ProcessingDeps } from '../../processing-deps';
import { valuePlanOf } from '../request/value-plan';
import type { AreaParams, AreaPlan } from '../plan/area-plan';
import { AreaRecipes } from './area-recipes';
import { checkScenes } from './check-scenes';
import { SERIES_CSV_FILE, SERIES_JSON_FILE, writeSeriesFiles } from './timeseries-files';

const TASKS_PER_WORKER = 2;
/** Entries per task: as many as keep a batch's output pixels within this, at most MAX_BATCH. */
const BATCH_PIXELS = 256 * 256;
const MAX_BATCH = 8;

/** Entries per task for this grid: its largest tile is the first. */
export function entriesPerTask(grid: { width: number; height: number }): number {
  const tilePixels = Math.min(grid.width, OUTPUT_TILE_SIZE) * Math.min(grid.height, OUTPUT_TILE_SIZE);
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_PIXELS / tilePixels)));
}
/** Finished entries are checkpointed at most this often (and when the last one is done). */
const CHECKPOINT_INTERVAL_MS = 1000;

interface SeriesCheckpoint {
  v: 1;
  /** Finished entries by their index in the plan's series. */
  done: Record<string, TimeseriesEntry[]>;
}

function isSeriesCheckpoint(value: unknown): value is SeriesCheckpoint {
  return typeof value === 'object' && value !== null && (value as SeriesCheckpoint).v === 1 && typeof (value as SeriesCheckpoint).done === 'object';
}

export function seriesHrefs(jobId: string): { href: string; csv: string } {
  return { href: `/api/v1/jobs/${jobId}/${SERIES_JSON_FILE}`, csv: `/api/v1/jobs/${jobId}/${SERIES_CSV_FILE}` };
}

function entriesOf(plan: AreaPlan, index: number, accumulators: readonly AreaAccumulator[]): TimeseriesEntry[] {
  const entry = plan.series![index];
  const scenes = [...new Set(entry.observations.flatMap((k) => plan.observations[k].scenes))];
  return plan.values.outputs.map((output, o) => ({
    datetime: entry.datetime,
    ...(entry.period ? { period: entry.period } : {}),
    source: entry.source,
    platform: entry.platform,
    scenes,
    variable: output.name,
    ...accumulators[o].result(),
  }));
}

export async function runTimeseries({ request, plan }: AreaParams, ctx: JobRunContext, deps: ProcessingDeps): Promise<JobResult> {
  if (request.type !== 'timeseries' || !plan.series) throw new Error('not a time-series plan');
  await checkScenes(plan, ctx, deps);
  const series = plan.series;
  const recipes = new AreaRecipes(plan);
  const outline = { polygons: plan.outline, grid: plan.grid };
  const done = new Map<number, TimeseriesEntry[]>(isSeriesCheckpoint(ctx.resumeState) ? Object.entries(ctx.resumeState.done).map(([k, v]) => [Number(k), v]) : []);
  const tiles: OutputTile[] = Array.from({ length: tileCount(plan.grid) }, (_, i) => outputTile(plan.grid, i));
  const resumed = done.size;
  const pending = series.map((_, index) => index).filter((index) => !done.has(index));
  const reached = new Map(pending.map((index) => [index, new Set(tiles.filter((tile) => recipes.observations(tile.grid, series[index].observations).length > 0))]));
  const remaining = new Map<number, number>(pending.map((index) => [index, reached.get(index)!.size]));
  // Entries in blocks of `batch`, each block tile by tile: an entry is open only while its block runs.
  const batch = entriesPerTask(plan.grid);
  const work: Array<{ entries: number[]; tile: OutputTile }> = [];
  for (let start = 0; start < pending.length; start += batch) {
    const block = pending.slice(start, start + batch);
    for (const tile of tiles) {
      const entries = block.filter((index) => reached.get(index)!.has(tile));
      if (entries.length > 0) work.push({ entries, tile });
    }
  }
  const open = new Map<number, AreaAccumulator[]>();
  const accumulatorsOf = (index: number) => {
    let list = open.get(index);
    if (!list) open.set(index, (list = plan.values.outputs.map(() => createAreaAccumulator())));
    return list;
  };
  let checkpointed = 0;
  let unsaved = 0;
  const finish = (index: number) => {
    done.set(index, entriesOf(plan, index, accumulatorsOf(index)));
    open.delete(index);
    unsaved++;
    ctx.progress(0.98 * (done.size / series.length));
    ctx.phase('reducing', done.size, series.length);
  };
  // After a task's entries are in (a batch finishes together, so all of them are kept).
  const checkpoint = () => {
    if (unsaved === 0 || (done.size !== series.length && performance.now() - checkpointed < CHECKPOINT_INTERVAL_MS)) return;
    checkpointed = performance.now();
    unsaved = 0;
    ctx.checkpoint({ v: 1, done: Object.fromEntries(done) } satisfies SeriesCheckpoint);
  };
  // Entries no tile of the grid reaches have no valid pixel at all.
  for (const [index, count] of remaining) if (count === 0) finish(index);
  checkpoint();
  // The first failure stops every task in flight.
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  setMaxListeners(0, signal);
  const readBytes = (r: ByteReadRequest, signal?: AbortSignal) => deps.bytes.read({ scene: r.scene, asset: r.asset }, r.offset, r.length, { signal, owned: true });
  await forEachInLanes(work, TASKS_PER_WORKER * deps.workerPool.size, async ({ entries, tile }) => {
    const { partials } = await deps.workerPool.runTask({
      kind: 'area-statistics', target: tile.grid, col: tile.tx * OUTPUT_TILE_SIZE, row: tile.ty * OUTPUT_TILE_SIZE, values: plan.values, outline,
      stripRows: plan.strip_rows, entries: entries.map((index) => recipes.observations(tile.grid, series[index].observations)),
      reducer: plan.reducer === 'max_ndvi' ? 'median' : plan.reducer,
    }, { signal, readBytes });
    entries.forEach((index, e) => {
      const accumulators = accumulatorsOf(index);
      partials[e].forEach((partial, o) => accumulators[o].addPartial(partial));
      const left = remaining.get(index)! - 1;
      remaining.set(index, left);
      if (left === 0) finish(index);
    });
    checkpoint();
  }, (error) => stop.abort(error));
  ctx.phase('writing', 0, 1);
  const entries = series.flatMap((_, index) => done.get(index) ?? []);
  const result: TimeseriesResult = { aoi: request.aoi, datetime: request.datetime, period: plan.period ?? 'day', variable: valuePlanOf(request).variable, entries };
  await writeSeriesFiles(ctx.workDir, result);
  ctx.phase('writing', 1, 1);
  ctx.progress(1);
  return { ...seriesHrefs(ctx.jobId), entries: entries.length, resumed, scenes: plan.scenes.map((scene) => scene.id) };
}
