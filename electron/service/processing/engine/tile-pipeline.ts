/**
 * The tile pipeline of one processing run: tiles computed on the worker pool (`process-tile` or
 * `area-tile`, which also encode their full-resolution blocks), at most `lanes` in flight, handed to the COG
 * writer with those blocks (the writer's encode hook returns them instead of encoding again, and
 * sends only overview tiles to the pool); each finished tile journaled and checkpointed; tiles a
 * previous run finished replayed from the journal. The first failure aborts everything in flight.
 * The workers read their bands over each task's port from the asset byte source.
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { deflatePredicted } from '../../../../workers/lib/cog/deflate-tile';
import type { EncodeTileTask } from '../../../../workers/lib/cog/encode-tile';
import { predictTile } from '../../../../workers/lib/cog/predictor';
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import type { AreaTileTask } from '../../../../workers/protocol/area-tasks';
import type { ByteReadRequest } from '../../../../workers/protocol/byte-read';
import type { ProcessTileTask } from '../../../../workers/protocol/raster-tasks';
import type { TileEncodeOptions } from '../../../../workers/protocol/tile-encode';
import type { JobRunContext } from '../../jobs/job-kind';
import type { CogWriter } from '../../raster/cog-writer';
import type { ProcessingDeps } from '../processing-deps';
import { forEachInLanes } from './bounded-lanes';
import { ChangeTally } from './change-tally';
import { OUTPUT_TILE_SIZE, outputTile, tileCount, type OutputTile } from './tile-layout';
import type { JournalCheckpoint, JournalRecord, TileJournal } from './tile-journal';

/** Share of progress reserved for writing the file once every tile is done. */
const FINISH_SHARE = 0.02;

function ownsBuffer(samples: EncodeTileTask['samples']): boolean {
  return samples.byteOffset === 0 && samples.byteLength === samples.buffer.byteLength;
}

const LANES_PER_WORKER = 3;

/** What the pipeline needs to know of a run. */
export interface TiledRun {
  grid: RasterGrid;
  /** Band 2 is a change class band: gain and loss are counted. */
  tally: boolean;
  /** Tiles in flight; default 3 per worker + 2 (a few MB each). */
  lanes?: number;
  /** Read-ahead asked of the byte cache per read (default 8 MB). */
  readAheadBytes?: number;
}

/** The worker task of one tile, given how to encode it and buffers to recycle. */
export type TileTaskOf = (tile: OutputTile, encode: TileEncodeOptions, recycled: ArrayBuffer[]) => ProcessTileTask | AreaTileTask;

/** zlib level of every block; Z_RLE makes it matter little (see workers/lib/cog/deflate-tile.ts). */
const COMPRESSION_LEVEL = 6;

/** A job reads each band in file order: keep up to about a row of 512-pixel tiles coming. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

export class TilePipeline {
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
  /** Result planes the writer has copied, to send back to the workers for reuse (process-tile `recycled`). */
  private readonly recycled: ArrayBuffer[] = [];
  /**
   * Share of tiles deflated on this process's libuv thread pool rather than in the workers (which
   * then stop after the predictor): the cores the pool leaves free are mostly idle, and deflate is
   * the largest single cost of a tile. One spare core per worker (the default on 2 cores: one
   * worker) takes every tile; one spare core for 7 workers, every 7th; no spare core, none.
   */
  private readonly mainDeflateShare: number;

  private readonly readAheadBytes: number;

  constructor(
    private readonly plan: TiledRun,
    private readonly ctx: JobRunContext,
    private readonly deps: Pick<ProcessingDeps, 'bytes' | 'workerPool'>,
    private readonly journal: TileJournal,
  ) {
    this.total = tileCount(plan.grid);
    this.signal = AbortSignal.any([ctx.signal, this.stop.signal]);
    // Every pool task in flight (tiles, overview encodes) and the writer listen to it.
    setMaxListeners(0, this.signal);
    this.tally = plan.tally ? new ChangeTally() : null;
    // Enough tiles in flight that a worker always has a task queued while the main thread writes
    // the previous ones and serves the next ones' bytes; few enough to bound memory (≈ 4 MB each).
    this.lanes = plan.lanes ?? LANES_PER_WORKER * deps.workerPool.size + 2;
    this.readAheadBytes = plan.readAheadBytes ?? READ_AHEAD_BYTES;
    const workers = deps.workerPool.size;
    this.mainDeflateShare = Math.min(1, Math.max(0, availableParallelism() - workers) / workers);
  }

  /** Spreads the main thread's share evenly over the tile indices. */
  private deflatesHere(index: number): boolean {
    const share = this.mainDeflateShare;
    return Math.floor((index + 1) * share) > Math.floor(index * share);
  }

  private tileIndex(tx: number, ty: number): number {
    return ty * Math.ceil(this.plan.grid.width / OUTPUT_TILE_SIZE) + tx;
  }

  /** The writer's encode hook: known blocks for full-resolution tiles, a pool task for overviews. */
  readonly encode = async (task: EncodeTileTask): Promise<Uint8Array> => {
    const known = task.level === 0 ? this.encoded.get(this.tileIndex(task.tx, task.ty))?.[task.band] : undefined;
    if (known) return known;
    // Overview tiles are a third as many again: here only when every tile is.
    if (this.mainDeflateShare >= 1) return deflatePredicted(predictTile(task.samples, task.width), COMPRESSION_LEVEL);
    return this.deps.workerPool.runTask(
      { kind: 'encode-cog-tile', tile: { ...task, compressionLevel: COMPRESSION_LEVEL } },
      { signal: this.signal, transferList: ownsBuffer(task.samples) ? [task.samples.buffer as ArrayBuffer] : [] },
    );
  };

  private tileDone(): void {
    this.done += 1;
    this.ctx.progress((1 - FINISH_SHARE) * (this.done / this.total));
    // Each tile's inputs are read and reduced in one worker task: the phase counts tiles.
    this.ctx.phase('reading', this.done, this.total);
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
  private async write(writer: CogWriter, index: number, planes: Float32Array[], blocks: Uint8Array[], recycle: boolean): Promise<void> {
    const tile = outputTile(this.plan.grid, index);
    this.encoded.set(index, blocks);
    try {
      // The encode hook answers this tile's blocks from `encoded`: the writer reads the planes in place.
      const written = writer.writeTile(tile.tx, tile.ty, planes, { preEncoded: true });
      // writeTile is done with the planes when it returns: they may go back to a worker now.
      if (recycle) for (const plane of planes) if (this.recycled.length < 2 * this.lanes) this.recycled.push(plane.buffer as ArrayBuffer);
      await written;
    } finally {
      this.encoded.delete(index);
    }
  }

  /** Tiles a previous run finished: decoded from the journal, not recomputed. */
  async replay(records: readonly JournalRecord[], writer: CogWriter): Promise<void> {
    await forEachInLanes(records, this.lanes, async (record) => {
      const blocks = await this.journal.read(record);
      const planes = await this.deps.workerPool.runTask(
        { kind: 'decode-cog-tile', blocks, width: OUTPUT_TILE_SIZE }, { signal: this.signal },
      );
      this.countChange(planes, OUTPUT_TILE_SIZE, record.index);
      await this.write(writer, record.index, planes, blocks, false);
      this.tileDone();
    }, (error) => this.stop.abort(error));
  }

  /**
   * A worker's read of a band (workers/protocol/byte-read.ts), answered from the asset byte
   * source: `owned`, so the pool transfers the bytes rather than copy them once more; read ahead,
   * so a cold run finds its next tiles stored or in flight.
   */
  private readonly readBytes = (request: ByteReadRequest, signal?: AbortSignal): Promise<Uint8Array> =>
    this.deps.bytes.read({ scene: request.scene, asset: request.asset }, request.offset, request.length, { signal, owned: true, readAheadBytes: this.readAheadBytes });

  async compute(indices: readonly number[], taskOf: TileTaskOf, writer: CogWriter): Promise<void> {
    const encode = (index: number): TileEncodeOptions => ({ tileSize: OUTPUT_TILE_SIZE, compressionLevel: COMPRESSION_LEVEL, deflate: this.deflatesHere(index) ? 'caller' : 'worker' });
    await forEachInLanes(indices, this.lanes, async (index) => {
      const tile = outputTile(this.plan.grid, index);
      const recycled = this.recycled.splice(0, 2);
      const { planes, blocks: workerBlocks, predicted } = await this.deps.workerPool.runTask(
        taskOf(tile, encode(index), recycled),
        { signal: this.signal, transferList: recycled, readBytes: this.readBytes },
      );
      const blocks = predicted ? await Promise.all(predicted.map((bytes) => deflatePredicted(bytes, COMPRESSION_LEVEL))) : workerBlocks;
      // Deflated: the predicted buffers can go back to a worker too (they are plane-sized).
      for (const bytes of predicted ?? []) if (this.recycled.length < 2 * this.lanes) this.recycled.push(bytes.buffer as ArrayBuffer);
      if (!blocks) throw new Error('process-tile returned no encoded blocks');
      this.countChange(planes, tile.grid.width, index);
      // Journal and writer both only write the blocks: neither waits for the other.
      const [, checkpoint] = await Promise.all([this.write(writer, index, planes, blocks, true), this.journal.append(index, blocks)]);
      this.saveCheckpoint(checkpoint);
      this.tileDone();
    }, (error) => this.stop.abort(error));
  }
}
