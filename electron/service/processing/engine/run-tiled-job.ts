/**
 * Runs a tiled raster job into `<workDir>/result.tif` — what every raster kind shares (single
 * scene and area): opens the tile journal (a resumed job gets its finished tiles back and replays
 * them), streams every 512 × 512 output tile through the worker pool into the COG writer
 * (tile-pipeline.ts) and finishes the file. Cancellation aborts the pool tasks (their threads are
 * terminated) and the writer; a shutdown leaves the journal for the next start. Once the result
 * is complete the journal is removed: it holds a copy of every full-resolution block.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRunContext } from '../../jobs/job-kind';
import { RESULT_FILE_NAME } from '../../jobs/job-record';
import { createCogWriter, type CogWriter } from '../../raster/cog-writer';
import type { OutputBand } from '../plan/processing-plan';
import type { ProcessingDeps } from '../processing-deps';
import type { ChangeTally } from './change-tally';
import { TilePipeline, type TiledRun, type TileTaskOf } from './tile-pipeline';
import { OUTPUT_TILE_SIZE, tileCount } from './tile-layout';
import { JOURNAL_FILE, TileJournal } from './tile-journal';

export interface TiledJob extends TiledRun {
  epsg: number;
  bands: readonly OutputBand[];
  /** Dataset-level GDAL metadata of the COG. */
  metadata: Readonly<Record<string, string>>;
  taskOf: TileTaskOf;
}

export interface TiledOutcome {
  statistics: Awaited<ReturnType<CogWriter['finish']>>['statistics'];
  tally: ChangeTally | null;
  /** Output tiles, and how many of them a run before a restart had finished. */
  tiles: { total: number; resumed: number };
}

/** Spool folders and partial outputs a crashed run may have left. */
async function removeLeftovers(workDir: string): Promise<void> {
  const names = await readdir(workDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith('.cog-spool-') || name.endsWith('.partial'))
    .map((name) => rm(join(workDir, name), { recursive: true, force: true })));
}

export async function runTiledJob(job: TiledJob, ctx: JobRunContext, deps: Pick<ProcessingDeps, 'bytes' | 'workerPool'>): Promise<TiledOutcome> {
  await removeLeftovers(ctx.workDir);
  const { journal, records } = await TileJournal.open(ctx.workDir, ctx.resumeState);
  const run = new TilePipeline(job, ctx, deps, journal);
  let writer: CogWriter | undefined;
  let complete = false;
  try {
    writer = await createCogWriter({
      path: join(ctx.workDir, RESULT_FILE_NAME),
      width: job.grid.width,
      height: job.grid.height,
      bands: job.bands.length,
      dataType: 'float32',
      nodata: Number.NaN,
      epsg: job.epsg,
      geoTransform: job.grid.transform,
      tileSize: OUTPUT_TILE_SIZE,
      overviewResampling: job.bands.map((band) => band.resampling),
      bandDescriptions: job.bands.map((band) => band.name),
      metadata: job.metadata,
      encode: run.encode,
      signal: run.signal,
    });
    await run.replay(records, writer);
    const finished = new Set(records.map((record) => record.index));
    const todo = Array.from({ length: tileCount(job.grid) }, (_, i) => i).filter((i) => !finished.has(i));
    await run.compute(todo, job.taskOf, writer);
    ctx.phase('writing', 0, 1);
    const written = await writer.finish();
    complete = true;
    ctx.phase('writing', 1, 1);
    ctx.progress(1);
    return { statistics: written.statistics, tally: run.tally, tiles: { total: tileCount(job.grid), resumed: records.length } };
  } catch (error) {
    await writer?.abort(error);
    throw error;
  } finally {
    await journal.close();
    if (complete) await rm(join(ctx.workDir, JOURNAL_FILE), { force: true });
  }
}
