/**
 * Runs a single-scene processing job from its stored plan (the `run` of the ndvi, index and
 * scene-pair change kinds): makes sure the scenes are known (the items cache, or their source),
 * runs its tiles (run-tiled-job.ts: journal, worker pool, COG writer) and returns the job result:
 * href, WGS84 bbox, CRS, size and statistics (+ gain/loss for change). Everything is read
 * in-process, so a job resumed at start-up runs before the service listens.
 */
import type { TileOperation } from '../../../../workers/protocol/raster-tasks';
import { ASTRA_VERSION } from '../../version';
import type { JobRunContext } from '../../jobs/job-kind';
import { resultFileHref } from '../../jobs/job-record';
import type { JobResult } from '../../jobs/types';
import { planScene, sceneRecipe, type ProcessingPlan } from '../plan/processing-plan';
import type { ProcessingDeps } from '../processing-deps';
import { sceneItem } from '../scene/scene-item';
import { runTiledJob, type TiledOutcome } from './run-tiled-job';

function tileOperation(plan: ProcessingPlan): TileOperation {
  if (plan.op === 'index') return { type: 'index', scene: sceneRecipe(plan, planScene(plan, 'scene')) };
  return {
    type: 'change',
    before: sceneRecipe(plan, planScene(plan, 'before')),
    after: sceneRecipe(plan, planScene(plan, 'after')),
    threshold: plan.threshold ?? 0,
  };
}

/** The result of a raster job: its file, grid and the first band's statistics (+ gain/loss). */
export function rasterResult(jobId: string, grid: ProcessingPlan['grid'], bbox: number[], bands: readonly { name: string }[], outcome: TiledOutcome): JobResult {
  const band = outcome.statistics[0];
  const any = band.validCount > 0;
  return {
    href: resultFileHref(jobId),
    bbox,
    crs: grid.crs,
    width: grid.width,
    height: grid.height,
    bands: bands.map((b) => b.name),
    tiles: outcome.tiles,
    stats: {
      min: any ? band.min : null,
      max: any ? band.max : null,
      mean: any ? band.mean : null,
      valid_fraction: band.validFraction,
      ...(outcome.tally ? outcome.tally.totals() : {}),
    },
  };
}

export async function runProcessingJob(plan: ProcessingPlan, ctx: JobRunContext, deps: ProcessingDeps): Promise<JobResult> {
  // Assets are located through the items: a scene cleared from the cache comes back from its source
  // here (offline, the job fails naming it) rather than in the middle of a tile.
  for (const scene of plan.scenes) await sceneItem(deps, scene.id, scene.role, ctx.signal);
  const op = tileOperation(plan);
  const outcome = await runTiledJob({
    grid: plan.grid,
    epsg: plan.epsg,
    bands: plan.bands,
    tally: plan.op === 'change',
    metadata: { ASTRA_JOB: ctx.jobId, ASTRA_EXPRESSION: plan.expression, ASTRA_VERSION },
    taskOf: (tile, encode, recycled) => ({ kind: 'process-tile', target: tile.grid, op, encode, recycled }),
  }, ctx, deps);
  return rasterResult(ctx.jobId, plan.grid, plan.bbox, plan.bands, outcome);
}
