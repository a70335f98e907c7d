/**
 * Runs a time series from its plan, entry by entry (an observation, or a period's observations of
 * one source): each entry's tiles that its scenes reach go to the worker pool (`area-statistics`)
 * in parallel lanes, their partial statistics are merged as they arrive, and once an entry's last
 * tile is in its statistics are final and its values released — so at most about `lanes` entries
 * are open at once, whatever the length of the series. Each finished entry is checkpointed: a
 * resumed job computes only the others. Reads ask for no read-ahead: at a point, exactly the
 * block holding it is read per band and scene. Phases: finding_scenes, then reducing (entries).
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
  const work: Array<{ entry: number; tile: OutputTile }> = [];
  const remaining = new Map<number, number>();
  series.forEach((entry, index) => {
    if (done.has(index)) return;
    const reached = tiles.filter((tile) => recipes.observations(tile.grid, entry.observations).length > 0);
    remaining.set(index, reached.length);
    for (const tile of reached) work.push({ entry: index, tile });
  });
  const open = new Map<number, AreaAccumulator[]>();
  const accumulatorsOf = (index: number) => {
    let list = open.get(index);
    if (!list) open.set(index, (list = plan.values.outputs.map(() => createAreaAccumulator())));
    return list;
  };
  let checkpointed = 0;
  const finish = (index: number) => {
    done.set(index, entriesOf(plan, index, accumulatorsOf(index)));
    open.delete(index);
    if (done.size === series.length || performance.now() - checkpointed >= CHECKPOINT_INTERVAL_MS) {
      checkpointed = performance.now();
      ctx.checkpoint({ v: 1, done: Object.fromEntries(done) } satisfies SeriesCheckpoint);
    }
    ctx.progress(0.98 * (done.size / series.length));
    ctx.phase('reducing', done.size, series.length);
  };
  // Entries no tile of the grid reaches have no valid pixel at all.
  for (const [index, count] of remaining) if (count === 0) finish(index);
  // The first failure stops every task in flight.
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  setMaxListeners(0, signal);
  const readBytes = (r: ByteReadRequest, signal?: AbortSignal) => deps.bytes.read({ scene: r.scene, asset: r.asset }, r.offset, r.length, { signal, owned: true });
  await forEachInLanes(work, TASKS_PER_WORKER * deps.workerPool.size, async ({ entry, tile }) => {
    const { partials } = await deps.workerPool.runTask({
      kind: 'area-statistics', target: tile.grid, col: tile.tx * OUTPUT_TILE_SIZE, row: tile.ty * OUTPUT_TILE_SIZE, values: plan.values, outline,
      stripRows: plan.strip_rows, observations: recipes.observations(tile.grid, series[entry].observations), reducer: plan.reducer === 'max_ndvi' ? 'median' : plan.reducer,
    }, { signal, readBytes });
    const accumulators = accumulatorsOf(entry);
    partials.forEach((partial, o) => accumulators[o].addPartial(partial));
    const left = remaining.get(entry)! - 1;
    remaining.set(entry, left);
    if (left === 0) finish(entry);
  }, (error) => stop.abort(error));
  ctx.phase('writing', 0, 1);
  const entries = series.flatMap((_, index) => done.get(index) ?? []);
  const result: TimeseriesResult = { aoi: request.aoi, datetime: request.datetime, period: plan.period ?? 'day', variable: valuePlanOf(request).variable, entries };
  await writeSeriesFiles(ctx.workDir, result);
  ctx.phase('writing', 1, 1);
  ctx.progress(1);
  return { ...seriesHrefs(ctx.jobId), entries: entries.length, scenes: plan.scenes.map((scene) => scene.id) };
}
