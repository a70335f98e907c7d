/**
 * Runs a ProcessingPlan: every 512 × 512 output tile computed on the worker pool
 * (`process-tile`: read through the COG proxy, radiometry, masks, expression, change), a bounded
 * number in flight, streamed into the COG writer whose tile encoding also runs on the pool
 * (`encode-cog-tile`). Each finished tile's encoded blocks go to the tile journal and the job is
 * checkpointed, so after a restart the finished tiles are replayed, not recomputed. Progress moves
 * per tile; cancellation aborts the pool tasks (their threads are terminated) and the writer.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodeTileTask } from '../../../../workers/lib/cog/encode-tile';
import type { TileOperation } from '../../../../workers/tasks/process/process-tile-task';
import { ASTRA_VERSION } from '../../version';
import type { JobRunContext } from '../../jobs/job-kind';
import { RESULT_FILE_NAME, resultFileHref } from '../../jobs/job-record';
import type { JobResult } from '../../jobs/types';
import { createCogWriter, type CogWriter } from '../../raster/cog';
import { planScene, sceneRecipe, type ProcessingPlan } from '../plan/processing-plan';
import { sceneItem } from '../scene/scene-item';
import { forEachInLanes } from './bounded-lanes';
import { ChangeTally } from './change-tally';
import { waitForOwnService } from './service-ready';
import { OUTPUT_TILE_SIZE, outputTile, tileCount } from './tile-layout';
import { TileJournal, type JournalCheckpoint, type JournalRecord } from './tile-journal';

/** Share of progress reserved for writing the file once every tile is done. */
const FINISH_SHARE = 0.02;

function tileOperation(plan: ProcessingPlan, baseUrl: string): TileOperation {
  if (plan.op === 'index') return { type: 'index', scene: sceneRecipe(plan, planScene(plan, 'scene'), baseUrl) };
  return {
    type: 'change',
    before: sceneRecipe(plan, planScene(plan, 'before'), baseUrl),
    after: sceneRecipe(plan, planScene(plan, 'after'), baseUrl),
    threshold: plan.threshold ?? 0,
  };
}

/** Spool folders and partial outputs a crashed run may have left. */
async function removeLeftovers(workDir: string): Promise<void> {
  const names = await readdir(workDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith('.cog-spool-') || name.endsWith('.partial'))
    .map((name) => rm(join(workDir, name), { recursive: true, force: true })));
}

function ownsBuffer(samples: EncodeTileTask['samples']): boolean {
  return samples.byteOffset === 0 && samples.byteLength === samples.buffer.byteLength;
}

/** zlib level of every block; Z_RLE makes it matter little (see encode-tile-task.ts). */
const COMPRESSION_LEVEL = 6;

class PlanRun {
  private readonly total: number;
  private readonly stop = new AbortController();
  readonly signal: AbortSignal;
  private done = 0;
  private lastCheckpoint = 0;
  /**
   * Full-resolution blocks already encoded — by the tile's own worker task, or read back from the
   * journal — keyed by tile index: the encode hook hands these to the writer instead of encoding.
   */
  private readonly encoded = new Map<number, Uint8Array[]>();
  readonly tally: ChangeTally | null;
  private readonly lanes: number;

  constructor(private readonly plan: ProcessingPlan, private readonly ctx: JobRunContext, private readonly journal: TileJournal) {
    this.total = tileCount(plan.grid);
    this.signal = AbortSignal.any([ctx.signal, this.stop.signal]);
    this.tally = plan.op === 'change' ? new ChangeTally() : null;
    this.lanes = Math.max(2, 2 * ctx.service.workerPool.size);
  }

  private tileIndex(tx: number, ty: number): number {
    return ty * Math.ceil(this.plan.grid.width / OUTPUT_TILE_SIZE) + tx;
  }

  /** The writer's encode hook: known blocks for full-resolution tiles, a pool task for overviews. */
  readonly encode = async (task: EncodeTileTask): Promise<Uint8Array> => {
    const known = task.level === 0 ? this.encoded.get(this.tileIndex(task.tx, task.ty))?.[task.band] : undefined;
    if (known) return known;
    return this.ctx.service.workerPool.runTask(
      { kind: 'encode-cog-tile', tile: { ...task, compressionLevel: COMPRESSION_LEVEL } },
      { signal: this.signal, transferList: ownsBuffer(task.samples) ? [task.samples.buffer as ArrayBuffer] : [] },
    );
  };

  private tileDone(): void {
    this.done += 1;
    this.ctx.progress((1 - FINISH_SHARE) * (this.done / this.total));
  }

  private countChange(planes: readonly Float32Array[], rowLength: number, index: number): void {
    if (!this.tally) return;
    const tile = outputTile(this.plan.grid, index);
    this.tally.add(planes[1], rowLength, tile.grid.width, tile.grid.height, this.plan.grid, tile.ty * OUTPUT_TILE_SIZE);
  }

  private saveCheckpoint(checkpoint: JournalCheckpoint): void {
    if (checkpoint.bytes <= this.lastCheckpoint) return;
    this.lastCheckpoint = checkpoint.bytes;
    this.ctx.checkpoint(checkpoint);
  }

  /** Hands one tile to the writer with its already-encoded blocks. */
  private async write(writer: CogWriter, index: number, planes: Float32Array[], blocks: Uint8Array[]): Promise<void> {
    const tile = outputTile(this.plan.grid, index);
    this.encoded.set(index, blocks);
    try {
      await writer.writeTile(tile.tx, tile.ty, planes);
    } finally {
      this.encoded.delete(index);
    }
  }

  /** Tiles a previous run finished: decoded from the journal, not recomputed. */
  async replay(records: readonly JournalRecord[], writer: CogWriter): Promise<void> {
    await forEachInLanes(records, this.lanes, async (record) => {
      const blocks = await this.journal.read(record);
      const planes = await this.ctx.service.workerPool.runTask(
        { kind: 'decode-cog-tile', blocks, width: OUTPUT_TILE_SIZE }, { signal: this.signal },
      );
      this.countChange(planes, OUTPUT_TILE_SIZE, record.index);
      await this.write(writer, record.index, planes, blocks);
      this.tileDone();
    }, (error) => this.stop.abort(error));
  }

  async compute(indices: readonly number[], op: TileOperation, writer: CogWriter): Promise<void> {
    const authorization = `Bearer ${this.ctx.service.internalKey}`;
    const encode = { tileSize: OUTPUT_TILE_SIZE, compressionLevel: COMPRESSION_LEVEL };
    await forEachInLanes(indices, this.lanes, async (index) => {
      const tile = outputTile(this.plan.grid, index);
      const { planes, blocks } = await this.ctx.service.workerPool.runTask(
        { kind: 'process-tile', authorization, target: tile.grid, op, encode }, { signal: this.signal },
      );
      if (!blocks) throw new Error('process-tile returned no encoded blocks');
      this.countChange(planes, tile.grid.width, index);
      await this.write(writer, index, planes, blocks);
      this.saveCheckpoint(await this.journal.append(index, blocks));
      this.tileDone();
    }, (error) => this.stop.abort(error));
  }
}

function resultOf(plan: ProcessingPlan, jobId: string, statistics: Awaited<ReturnType<CogWriter['finish']>>['statistics'], tally: ChangeTally | null): JobResult {
  const band = statistics[0];
  const any = band.validCount > 0;
  return {
    href: resultFileHref(jobId),
    bbox: plan.bbox,
    crs: plan.grid.crs,
    width: plan.grid.width,
    height: plan.grid.height,
    bands: plan.bands.map((b) => b.name),
    stats: {
      min: any ? band.min : null,
      max: any ? band.max : null,
      mean: any ? band.mean : null,
      valid_fraction: band.validFraction,
      ...(tally ? tally.totals() : {}),
    },
  };
}

export async function runPlan(plan: ProcessingPlan, ctx: JobRunContext): Promise<JobResult> {
  const baseUrl = await waitForOwnService(ctx);
  // The proxy finds scenes in the items cache; make sure they are still there (e.g. after a clear).
  for (const scene of plan.scenes) await sceneItem(ctx.service, scene.id, scene.role, ctx.signal);
  await removeLeftovers(ctx.workDir);
  const { journal, records } = await TileJournal.open(ctx.workDir, ctx.resumeState);
  const run = new PlanRun(plan, ctx, journal);
  let writer: CogWriter | undefined;
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
    await run.compute(todo, tileOperation(plan, baseUrl), writer);
    const written = await writer.finish();
    ctx.progress(1);
    return resultOf(plan, ctx.jobId, written.statistics, run.tally);
  } catch (error) {
    await writer?.abort(error);
    throw error;
  } finally {
    await journal.close();
  }
}
