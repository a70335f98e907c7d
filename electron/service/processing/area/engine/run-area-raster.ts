/**
 * Runs a composite or a period change from its plan: the scenes checked, then every output tile
 * through the worker pool (`area-tile`: the observations reaching the tile mosaicked and reduced,
 * NaN outside the area) into the COG writer, resumable and cancellable like every raster job
 * (engine/run-tiled-job.ts). Tiles in flight: two per worker, so the memory of the median stacks
 * stays (workers × 2) × the stack budget at most; the workers' decoded source tiles, 384 MiB
 * together at most (DECODED_TILE_BYTES).
 */
import { ASTRA_VERSION } from '../../../version';
import type { JobRunContext } from '../../../jobs/job-kind';
import type { JobResult } from '../../../jobs/types';
import { DEFAULT_DECODED_TILE_BYTES, type AreaRasterOperation, type AreaTileTask } from '../../../../../workers/protocol/area-tasks';
import { rasterResult } from '../../engine/run-processing-job';
import { runTiledJob } from '../../engine/run-tiled-job';
import { OUTPUT_TILE_SIZE } from '../../engine/tile-layout';
import type { ProcessingDeps } from '../../processing-deps';
import type { AreaParams } from '../plan/area-plan';
import { AreaRecipes, indexRange } from './area-recipes';
import { checkScenes } from './check-scenes';

const TILES_PER_WORKER = 2;
/**
 * Decoded source tiles the workers keep while computing a composite, all together. Each output
 * tile reads the tiles of every observation (8 scenes × 3 files × up to 4 tiles of 1–2 MB in the
 * area benchmark), and its row-major neighbours share most of them: with a worker's default
 * 24 MiB none was left for the next tile and every source tile was decoded about six times; with
 * 384 MiB about once (test/bench/area). A worker gives the excess back when idle.
 */
const DECODED_TILE_BYTES = 384 * 1024 * 1024;

export async function runAreaRaster({ plan }: AreaParams, ctx: JobRunContext, deps: ProcessingDeps): Promise<JobResult> {
  await checkScenes(plan, ctx, deps);
  const recipes = new AreaRecipes(plan);
  const outline = { polygons: plan.outline, grid: plan.grid };
  const split = plan.before_observations ?? plan.observations.length;
  const decodedTileBytes = Math.max(DEFAULT_DECODED_TILE_BYTES, Math.floor(DECODED_TILE_BYTES / deps.workerPool.size));
  const operation = (target: AreaTileTask['target']): AreaRasterOperation => (plan.kind === 'change'
    ? { type: 'change', before: recipes.observations(target, indexRange(0, split)), after: recipes.observations(target, indexRange(split, plan.observations.length)), reducer: plan.reducer === 'max_ndvi' ? 'median' : plan.reducer, threshold: plan.threshold ?? 0.2 }
    : { type: 'composite', observations: recipes.observations(target), reducer: plan.reducer, validCount: plan.valid_count });
  const outcome = await runTiledJob({
    grid: plan.grid,
    epsg: plan.epsg,
    bands: plan.bands,
    tally: plan.kind === 'change',
    lanes: TILES_PER_WORKER * deps.workerPool.size,
    metadata: { ASTRA_JOB: ctx.jobId, ASTRA_REDUCER: plan.reducer, ASTRA_VERSION },
    taskOf: (tile, encode, recycled): AreaTileTask => ({
      kind: 'area-tile',
      target: tile.grid,
      col: tile.tx * OUTPUT_TILE_SIZE,
      row: tile.ty * OUTPUT_TILE_SIZE,
      values: plan.values,
      outline,
      stripRows: plan.strip_rows,
      decodedTileBytes,
      op: operation(tile.grid),
      encode,
      recycled,
    }),
  }, ctx, deps);
  return {
    ...rasterResult(ctx.jobId, plan.grid, plan.bbox, plan.bands, outcome),
    scenes: plan.scenes.map((scene) => scene.id),
    observations: plan.observations.length,
  };
}
