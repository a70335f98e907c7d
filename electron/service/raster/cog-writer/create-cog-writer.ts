/**
 * Streaming Cloud-Optimized GeoTIFF writer. Full-resolution tiles are pushed in any order; each is
 * encoded (predictor + deflate, possibly in a worker) and spooled to a per-(level, band) temporary
 * file, while the overview pyramid is reduced from it on the fly. finish() then lays the file out
 * the way GDAL's COG driver does and copies the spooled tiles into place. Memory holds the tiles
 * in flight plus the partially filled overview tiles, never the raster.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BandStatisticsAccumulator } from '../../../../workers/lib/cog/band-statistics';
import { planCogLayout } from '../../../../workers/lib/cog/cog-layout';
import { gdalMetadataXml } from '../../../../workers/lib/cog/gdal-metadata';
import { OverviewPyramid, type PyramidTile } from '../../../../workers/lib/cog/overview-pyramid';
import { tileCount, validTileExtent } from '../../../../workers/lib/cog/pyramid-geometry';
import type { CogSamples } from '../../../../workers/lib/cog/sample-types';
import { preparePlane } from '../../../../workers/lib/cog/tile-planes';
import { assembleCog } from './assemble-cog';
import { resolveCogOptions, type ResolvedCogOptions } from './cog-options';
import { TileSpool } from './tile-spool';
import type { CogWriteResult, CogWriter, CogWriterOptions } from './types';

type WriterState = 'open' | 'finishing' | 'finished' | 'aborted';

class StreamingCogWriter implements CogWriter {
  private state: WriterState = 'open';
  private failure: unknown;
  private readonly pending = new Set<Promise<void>>();
  private readonly received: Uint8Array;
  private receivedCount = 0;
  private readonly pyramid: OverviewPyramid;
  private readonly statistics: BandStatisticsAccumulator[];
  /** Aborted by abort() or the caller's signal; stops encodes landing and the final copy. */
  private readonly stop = new AbortController();
  private finishing?: Promise<CogWriteResult>;
  private cleanupPromise?: Promise<void>;
  private readonly onSignalAbort = () => void this.abort(this.o.signal?.reason);

  constructor(
    private readonly o: ResolvedCogOptions,
    private readonly spoolDir: string,
    /** spools[level][band] */
    private readonly spools: TileSpool[][],
  ) {
    this.received = new Uint8Array(tileCount(o.levels[0]));
    this.pyramid = new OverviewPyramid({
      levels: o.levels, tileSize: o.tileSize, dataType: o.dataType, resampling: o.resampling, nodata: o.nodata, fill: o.fill,
    });
    this.statistics = Array.from({ length: o.bands }, () => new BandStatisticsAccumulator(o.nodata));
    o.signal?.addEventListener('abort', this.onSignalAbort, { once: true });
  }

  get tilesAcross(): number { return this.o.levels[0].tilesAcross; }
  get tilesDown(): number { return this.o.levels[0].tilesDown; }
  get tileSize(): number { return this.o.tileSize; }
  get bigTiff(): boolean { return this.o.bigTiff; }

  private assertOpen(): void {
    this.stop.signal.throwIfAborted();
    if (this.failure !== undefined) throw this.failure;
    if (this.state !== 'open') throw new Error(`COG writer is ${this.state}`);
  }

  writeTile(tx: number, ty: number, planes: readonly CogSamples[], options: { preEncoded?: boolean } = {}): Promise<void> {
    try {
      this.assertOpen();
      const { o } = this;
      if (!Number.isInteger(tx) || !Number.isInteger(ty) || tx < 0 || ty < 0 || tx >= this.tilesAcross || ty >= this.tilesDown) {
        throw new RangeError(`tile (${tx}, ${ty}) is outside the ${this.tilesAcross}×${this.tilesDown} tile grid`);
      }
      if (planes.length !== o.bands) throw new RangeError(`tile (${tx}, ${ty}): ${planes.length} planes for ${o.bands} bands`);
      const index = ty * this.tilesAcross + tx;
      if (this.received[index]) throw new Error(`tile (${tx}, ${ty}) was already written`);

      const extent = validTileExtent(o.levels[0], o.tileSize, tx, ty);
      // A copy per band per tile is most of what this thread allocates; skip it when nothing
      // keeps the samples past this call (see CogWriter.writeTile).
      const inPlace = (input: CogSamples) => options.preEncoded === true && input.length === o.tileSize * o.tileSize
        && input.constructor === o.sampleType.create(0).constructor;
      const prepared = planes.map((input) => (inPlace(input) ? input : preparePlane({
        input, sampleType: o.sampleType, tileSize: o.tileSize, validWidth: extent.width, validHeight: extent.height, fill: o.fill,
      })));
      this.received[index] = 1;
      this.receivedCount++;
      prepared.forEach((plane, band) => this.statistics[band].addTile(plane, o.tileSize, extent.width, extent.height));

      // Reduce into the overviews before encoding: a worker encoder may take the buffers away.
      const full: PyramidTile = { level: 0, tx, ty, planes: prepared };
      const tiles = [full, ...this.pyramid.add(full)];
      const job = Promise.all(tiles.flatMap((tile) => tile.planes.map((samples, band) => this.encodeAndSpool(tile, band, samples))))
        .then(() => undefined);
      this.track(job);
      return job;
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private track(job: Promise<void>): void {
    const tracked = job.catch((err: unknown) => {
      this.failure ??= err;
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private async encodeAndSpool(tile: PyramidTile, band: number, samples: CogSamples): Promise<void> {
    const { o } = this;
    const bytes = await o.encode({
      samples, width: o.tileSize, dataType: o.dataType, compressionLevel: o.compressionLevel,
      level: tile.level, tx: tile.tx, ty: tile.ty, band,
    });
    if (this.stop.signal.aborted) return;
    // The trailer repeats the last 4 bytes; any zlib stream is longer than that.
    if (!(bytes instanceof Uint8Array) || bytes.length < 4) {
      throw new Error(`encoder returned no usable bytes for level ${tile.level} tile (${tile.tx}, ${tile.ty}) band ${band}`);
    }
    const geometry = o.levels[tile.level];
    await this.spools[tile.level][band].append(tile.ty * geometry.tilesAcross + tile.tx, bytes);
  }

  private async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  finish(): Promise<CogWriteResult> {
    if (this.state !== 'open') {
      return Promise.reject(this.stop.signal.aborted ? this.stop.signal.reason : new Error(`COG writer is ${this.state}`));
    }
    this.state = 'finishing';
    this.finishing = this.runFinish();
    return this.finishing;
  }

  private async runFinish(): Promise<CogWriteResult> {
    const signal = this.stop.signal;
    try {
      signal.throwIfAborted();
      await this.settle();
      signal.throwIfAborted();
      if (this.failure !== undefined) throw this.failure;
      const missing = this.received.length - this.receivedCount;
      if (missing > 0) {
        const first = this.received.indexOf(0);
        throw new Error(`finish(): ${missing} tile(s) never written, the first at (${first % this.tilesAcross}, ${Math.floor(first / this.tilesAcross)})`);
      }
      if (this.pyramid.pendingTiles !== 0) throw new Error('overview pyramid still has incomplete tiles');
      return await this.writeFile(signal);
    } catch (err) {
      await this.cleanup();
      throw err;
    } finally {
      this.o.signal?.removeEventListener('abort', this.onSignalAbort);
    }
  }

  private async writeFile(signal: AbortSignal): Promise<CogWriteResult> {
    const { o } = this;
    if (!this.spools.flat().every((spool) => spool.isComplete())) throw new Error('COG writer: a tile was never spooled');
    const statistics = this.statistics.map((s) => s.result(o.width * o.height));
    const layout = planCogLayout({
      levels: o.levels,
      bands: o.bands,
      dataType: o.dataType,
      tileSize: o.tileSize,
      bigTiff: o.bigTiff,
      noDataText: o.noDataText,
      geo: o.geo,
      gdalMetadata: gdalMetadataXml({
        metadata: o.metadata,
        bandDescriptions: o.bandDescriptions,
        statistics: o.writeStatistics ? statistics : undefined,
      }),
      byteCounts: (level, band) => this.spools[level][band].byteCounts(),
    });
    const bytes = await assembleCog({ path: o.path, layout, spools: this.spools, signal });
    this.state = 'finished';
    await this.disposeSpools();
    return {
      path: o.path,
      bytes,
      width: o.width,
      height: o.height,
      bigTiff: o.bigTiff,
      overviews: o.levels.slice(1).map(({ width, height }) => ({ width, height })),
      statistics,
    };
  }

  abort(reason?: unknown): Promise<void> {
    if (this.state === 'finished') return Promise.resolve();
    if (!this.stop.signal.aborted) this.stop.abort(reason ?? new Error('COG writer was aborted'));
    // A running finish() notices the signal, cleans up and rejects; wait for it rather than
    // pulling the spool files from under its copy.
    if (this.finishing) return this.finishing.then(() => undefined, () => undefined);
    return this.cleanup();
  }

  private cleanup(): Promise<void> {
    this.cleanupPromise ??= (async () => {
      this.state = 'aborted';
      this.o.signal?.removeEventListener('abort', this.onSignalAbort);
      // Let in-flight encodes land (they are dropped) before their spool files disappear.
      await Promise.allSettled([...this.pending]);
      await this.disposeSpools();
    })();
    return this.cleanupPromise;
  }

  private async disposeSpools(): Promise<void> {
    await Promise.all(this.spools.flat().map((spool) => spool.dispose()));
    await rm(this.spoolDir, { recursive: true, force: true });
  }
}

/** Opens a writer; its spool files live in a hidden folder under `tempDir` until finish() or abort(). */
export async function createCogWriter(options: CogWriterOptions): Promise<CogWriter> {
  const resolved = resolveCogOptions(options);
  resolved.signal?.throwIfAborted();
  const spoolDir = await mkdtemp(join(resolved.tempDir, '.cog-spool-'));
  const spools: TileSpool[][] = [];
  try {
    for (const level of resolved.levels) {
      const perBand: TileSpool[] = [];
      spools.push(perBand);
      for (let band = 0; band < resolved.bands; band++) {
        perBand.push(await TileSpool.create(join(spoolDir, `level-${level.level}-band-${band}.tiles`), tileCount(level)));
      }
    }
  } catch (err) {
    await Promise.all(spools.flat().map((spool) => spool.dispose()));
    await rm(spoolDir, { recursive: true, force: true });
    throw err;
  }
  return new StreamingCogWriter(resolved, spoolDir, spools);
}
