/**
 * Runs a processing job from its stored plan (the `run` of the ndvi, index and change kinds):
 * makes sure the scenes are known (the items cache, or their source), opens the tile journal (a
 * resumed job gets its finished tiles back), streams every 512 × 512 output tile through the
 * worker pool into the COG writer (tile-pipeline.ts) and returns the job result: href, WGS84
 * bbox, CRS, size and statistics (+ gain/loss for change). Everything is read in-process, so a
 * job resumed at start-up runs before the service listens. Cancellation aborts the pool tasks
 * (their threads are terminated) and the writer; a shutdown leaves the journal for the next
 * start. Once the result is complete the journal is removed: it holds a copy of every
 * full-resolution block.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TileOperation } from '../../../../workers/protocol/raster-tasks';
import { ASTRA_VERSION } from '../../version';
import type { JobRunContext } from '../../jobs/job-kind';
import { RESULT_FILE_NAME, resultFileHref } from '../../jobs/job-record';
import type { JobResult } from '../../jobs/types';
import { createCogWriter, type CogWriter } from '../../raster/cog-writer';
import { planScene, sceneRecipe, type ProcessingPlan } from '../plan/processing-plan';
import type { ProcessingDeps } from '../processing-deps';
import { sceneItem } from '../scene/scene-item';
import type { ChangeTally } from './change-tally';
import { TilePipeline } from './tile-pipeline';
import { OUTPUT_TILE_SIZE, tileCount } from './tile-layout';
import { JOURNAL_FILE, TileJournal } from './tile-journal';

function tileOperation(plan: ProcessingPlan): TileOperation {
  if (plan.op === 'index') return { type: 'index', scene: sceneRecipe(plan, planScene(plan, 'scene')) };
  return {
    type: 'change',
    before: sceneRecipe(plan, planScene(plan, 'before')),
    after: sceneRecipe(plan, planScene(plan, 'after')),
    threshold: plan.threshold ?? 0,
  };
}

/** Spool folders and partial outputs a crashed run may have left. */
async function removeLeftovers(workDir: string): Promise<void> {
  const names = await readdir(workDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith('.cog-spool-') || name.endsWith('.partial'))
    .map((name) => rm(join(workDir, name), { recursive: true, force: true })));
}

function resultOf(plan: ProcessingPlan, jobId: string, statistics: Awaited<ReturnType<CogWriter['finish']>>['statistics'], tally: ChangeTally | null, resumed: number): JobResult {
  const band = statistics[0];
  const any = band.validCount > 0;
  return {
    href: resultFileHref(jobId),
    bbox: plan.bbox,
    crs: plan.grid.crs,
    width: plan.grid.width,
    height: plan.grid.height,
    bands: plan.bands.map((b) => b.name),
    // Output tiles, and how many of them a run before a restart had finished.
    tiles: { total: tileCount(plan.grid), resumed },
    stats: {
      min: any ? band.min : null,
      max: any ? band.max : null,
      mean: any ? band.mean : null,
      valid_fraction: band.validFraction,
      ...(tally ? tally.totals() : {}),
    },
  };
}

export async function runProcessingJob(plan: ProcessingPlan, ctx: JobRunContext, deps: ProcessingDeps): Promise<JobResult> {
  // Assets are located through the items: a scene cleared from the cache comes back from its source
  // here (offline, the job fails naming it) rather than in the middle of a tile.
  for (const scene of plan.scenes) await sceneItem(deps, scene.id, scene.role, ctx.signal);
  await removeLeftovers(ctx.workDir);
  const { journal, records } = await TileJournal.open(ctx.workDir, ctx.resumeState);
  const run = new TilePipeline(plan, ctx, deps, journal);
  let writer: CogWriter | undefined;
  let complete = false;
  try {
    writer = await createCogWriter({
      path: join(ctx.workDir, RESULT_FILE_NAME),
      width: plan.grid.width,
      height: plan.grid.height,
      bands: plan.bands.length,
      dataType: 'float32',
      nodata: Number.NaN,
      epsg: plan.epsg,
      geoTransform: plan.grid.transform,
      tileSize: OUTPUT_TILE_SIZE,
      overviewResampling: plan.bands.map((band) => band.resampling),
      bandDescriptions: plan.bands.map((band) => band.name),
      metadata: { ASTRA_JOB: ctx.jobId, ASTRA_EXPRESSION: plan.expression, ASTRA_VERSION },
      encode: run.encode,
      signal: run.signal,
    });
    await run.replay(records, writer);
    const finished = new Set(records.map((record) => record.index));
    const todo = Array.from({ length: tileCount(plan.grid) }, (_, i) => i).filter((i) => !finished.has(i));
    await run.compute(todo, tileOperation(plan), writer);
    const written = await writer.finish();
    complete = true;
    ctx.progress(1);
    return resultOf(plan, ctx.jobId, written.statistics, run.tally, records.length);
  } catch (error) {
    await writer?.abort(error);
    throw error;
  } finally {
    await journal.close();
    if (complete) await rm(join(ctx.workDir, JOURNAL_FILE), { force: true });
  }
}
