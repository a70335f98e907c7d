/**
 * The read-through COG byte cache: any byte range of an upstream file, answered from the SQLite
 * block store first. Missing blocks are fetched with one Range request per contiguous run;
 * concurrent readers of a block share one upstream fetch (in-flight map). Offline, missing bytes
 * are an error instead of a request. Everything that reads COG bytes (the proxy route, geotiff.js
 * through block-cache-client.ts, the offline prefetch) goes through here.
 */
import { AppError } from '../api/errors';
import { blockSpan, blocksOfRanges, contiguousRuns, runByteRange, BLOCK_SIZE, type BlockRun } from './block-math';
import type { BlockStore, CachedFile } from './block-store';
import type { RangeFetcher, UpstreamBytes } from './range-fetcher';

export interface CogByteCacheOptions {
  offline: () => boolean;
  /** Time limit of one upstream request. */
  upstreamTimeoutMs: number;
  /** Aborts upstream requests at shutdown. */
  shutdownSignal?: AbortSignal;
  blockSize?: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Marks the blocks as offline content, evicted only after every unpinned block. */
  pin?: boolean;
  /**
   * The result shares no memory with the cache or another reader, so the caller may transfer
   * (detach) it. Without it, a read inside one block is a view of that block's buffer.
   */
  owned?: boolean;
  /**
   * Read ahead for a reader that walks a file in order (a processing job reading a band tile by
   * tile): once a read starts where the previous read of the file ended, the bytes after it are
   * fetched in the background — 1/8 of this at first, doubling with each further read in order,
   * up to this — so the next reads find their blocks stored or in flight instead of paying a
   * round trip each. A read elsewhere in the file starts over, so a job that needs a few tiles of
   * each row fetches little it does not use. A failed read-ahead fails only the reads waiting for
   * its blocks, as it would had they fetched those blocks themselves.
   */
  readAheadBytes?: number;
}

export interface CacheCounters {
  /** Blocks served from SQLite. */
  hits: number;
  /** Blocks a reader had to fetch upstream. */
  misses: number;
  /** Blocks a reader awaited from another reader's in-flight fetch. */
  coalesced: number;
  /** Blocks fetched by prefetch (`ensure`). */
  prefetched: number;
  /** Blocks fetched ahead of a sequential reader (`readAheadBytes`). */
  readAhead: number;
  upstreamRequests: number;
  upstreamBytes: number;
}

/** Largest chunk `chunks()` yields: bounded memory for whole-file responses. */
const CHUNK_BLOCKS = 64;

class FileChanged extends Error {}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class CogByteCache {
  readonly counters: CacheCounters = { hits: 0, misses: 0, coalesced: 0, prefetched: 0, readAhead: 0, upstreamRequests: 0, upstreamBytes: 0 };
  readonly blockSize: number;
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private readonly statting = new Map<string, Promise<CachedFile>>();
  /** Where the last read-ahead reader of each file stopped, and its current window (bytes). */
  private readonly readers = new Map<number, { next: number; window: number }>();

  constructor(private readonly store: BlockStore, private readonly fetcher: RangeFetcher, private readonly options: CogByteCacheOptions) {
    this.blockSize = options.blockSize ?? BLOCK_SIZE;
  }

  /** The file's size and ETag: from the store, else from a first upstream request (which also caches block 0). */
  async stat(url: string, signal?: AbortSignal): Promise<CachedFile> {
    const known = this.store.file(url);
    if (known && known.blockSize === this.blockSize) return known;
    if (this.options.offline()) throw new AppError('service_unavailable', `offline mode: ${url} has not been cached`);
    let pending = this.statting.get(url);
    if (!pending) {
      pending = this.fetchHead(url).finally(() => this.statting.delete(url));
      this.statting.set(url, pending);
    }
    return abortable(pending, signal);
  }

  /** True when at least the file's first block (its header) is stored. */
  hasHeader(url: string): boolean {
    const file = this.store.file(url);
    return file !== null && file.blockSize === this.blockSize && (file.size === 0 || this.store.hasBlock(file.fileId, 0));
  }

  /** Bytes `start..end` (inclusive, clamped to the file). */
  async read(url: string, start: number, end: number, options: ReadOptions = {}): Promise<Buffer> {
    for (let attempt = 0; ; attempt += 1) {
      const file = await this.stat(url, options.signal);
      try {
        return await this.readFrom(file, start, Math.min(end, file.size - 1), options);
      } catch (error) {
        if (!(error instanceof FileChanged) || attempt > 0) throw error instanceof FileChanged ? upstreamChanged(url) : error;
      }
    }
  }

  /** The same bytes as `read`, in chunks of bounded size (for streaming whole files). */
  async *chunks(url: string, start: number, end: number, options: ReadOptions = {}): AsyncGenerator<Buffer> {
    const step = CHUNK_BLOCKS * this.blockSize;
    for (let from = start; from <= end; from = (Math.floor(from / step) + 1) * step) {
      const to = Math.min(end, (Math.floor(from / step) + 1) * step - 1);
      yield await this.read(url, from, to, options);
    }
  }

  /**
   * Makes sure every block overlapping `ranges` is stored (fetching only the missing runs) and
   * pins them when asked. Returns the number of bytes fetched upstream.
   */
  async ensure(url: string, ranges: ReadonlyArray<{ start: number; end: number }>, options: ReadOptions = {}): Promise<number> {
    const file = await this.stat(url, options.signal);
    const needed = blocksOfRanges(ranges.map((r) => ({ start: r.start, end: Math.min(r.end, file.size - 1) })).filter((r) => r.start <= r.end), this.blockSize);
    if (needed.length === 0) return 0;
    const stored = this.store.storedIndices(file.fileId, needed[0], needed[needed.length - 1]);
    const missing = needed.filter((index) => !stored.has(index) && !this.inflight.has(this.key(file, index)));
    const waits = needed.filter((index) => !stored.has(index) && this.inflight.has(this.key(file, index)))
      .map((index) => this.inflight.get(this.key(file, index)) as Promise<Buffer>);
    if (missing.length > 0 && this.options.offline()) throw new AppError('service_unavailable', `offline mode: ${url} is not fully cached`);
    let fetched = 0;
    for (const run of contiguousRuns(missing)) {
      waits.push(...this.fetchRun(file, run, options.pin ?? false).map((p) => p.then((b) => { fetched += b.length; return b; })));
    }
    await abortable(Promise.all(waits), options.signal);
    this.counters.prefetched += missing.length;
    if (options.pin) for (const run of contiguousRuns(needed)) this.store.pinBlocks(file.fileId, run.first, run.last);
    return fetched;
  }

  private key(file: CachedFile, index: number): string {
    return `${file.fileId}:${index}`;
  }

  private async readFrom(file: CachedFile, start: number, end: number, options: ReadOptions): Promise<Buffer> {
    if (start > end) return Buffer.alloc(0);
    const span = blockSpan(start, end, this.blockSize);
    const blocks = this.store.readBlocks(file.fileId, span.first, span.last);
    this.counters.hits += blocks.size;
    const waits: Promise<void>[] = [];
    const missing: number[] = [];
    for (let index = span.first; index <= span.last; index += 1) {
      if (blocks.has(index)) continue;
      const pending = this.inflight.get(this.key(file, index));
      if (pending) {
        this.counters.coalesced += 1;
        waits.push(pending.then((data) => { blocks.set(index, data); }));
      } else {
        missing.push(index);
      }
    }
    if (missing.length > 0 && this.options.offline()) {
      throw new AppError('service_unavailable', `offline mode: bytes ${start}-${end} of ${file.url} have not been cached`);
    }
    for (const run of contiguousRuns(missing)) {
      this.counters.misses += run.last - run.first + 1;
      this.fetchRun(file, run, options.pin ?? false).forEach((pending, i) => {
        waits.push(pending.then((data) => { blocks.set(run.first + i, data); }));
      });
    }
    if (options.readAheadBytes) this.readAheadOf(file, start, end, options.readAheadBytes, options.pin ?? false);
    await abortable(Promise.all(waits), options.signal);
    const parts: Buffer[] = [];
    for (let index = span.first; index <= span.last; index += 1) {
      const data = blocks.get(index) as Buffer;
      const blockStart = index * this.blockSize;
      parts.push(data.subarray(Math.max(0, start - blockStart), Math.min(data.length, end - blockStart + 1)));
    }
    if (parts.length > 1) return Buffer.concat(parts);
    return options.owned ? Buffer.from(parts[0]) : parts[0];
  }

  /** Tracks the file's reader; when this read continues the previous one, reads ahead of it. */
  private readAheadOf(file: CachedFile, start: number, end: number, maxBytes: number, pin: boolean): void {
    const previous = this.readers.get(file.fileId);
    // Tiles of one row sit back to back, a few bytes of GDAL's tile leader/trailer apart.
    const inOrder = previous !== undefined && start >= previous.next && start - previous.next <= this.blockSize;
    const window = inOrder ? Math.min(maxBytes, previous.window * 2) : Math.ceil(maxBytes / 8);
    if (this.readers.size >= 256 && !previous) this.readers.clear();
    this.readers.set(file.fileId, { next: end + 1, window });
    if (inOrder && !this.options.offline()) this.readAhead(file, Math.floor(end / this.blockSize) + 1, window, pin);
  }

  /**
   * Starts fetching the blocks of `from…` within `bytes` that are neither stored nor in flight,
   * once they make up at least half of that window (fewer, larger requests). Not awaited.
   */
  private readAhead(file: CachedFile, from: number, bytes: number, pin: boolean): void {
    const last = Math.min(from + Math.ceil(bytes / this.blockSize) - 1, Math.ceil(file.size / this.blockSize) - 1);
    if (last < from) return;
    const stored = this.store.storedIndices(file.fileId, from, last);
    const wanted: number[] = [];
    for (let index = from; index <= last; index += 1) if (!stored.has(index) && !this.inflight.has(this.key(file, index))) wanted.push(index);
    if (wanted.length * 2 < last - from + 1) return;
    for (const run of contiguousRuns(wanted)) {
      this.counters.readAhead += run.last - run.first + 1;
      for (const pending of this.fetchRun(file, run, pin)) pending.catch(() => undefined);
    }
  }

  /** One upstream request for a run of blocks; returns one promise per block, registered as in flight. */
  private fetchRun(file: CachedFile, run: BlockRun, pin: boolean): Promise<Buffer>[] {
    const range = runByteRange(run, file.size, this.blockSize);
    const whole = this.fetchUpstream(file.url, range).then((bytes) => {
      if (bytes.size !== file.size || (file.etag !== null && bytes.etag !== null && bytes.etag !== file.etag)) {
        this.store.putFile(file.url, { size: bytes.size, blockSize: this.blockSize, etag: bytes.etag, contentType: bytes.contentType });
        throw new FileChanged();
      }
      const blocks = this.sliceBlocks(bytes, run, file.size);
      this.store.writeBlocks(file.fileId, blocks, pin);
      return blocks;
    });
    const perBlock: Promise<Buffer>[] = [];
    for (let index = run.first; index <= run.last; index += 1) {
      const key = this.key(file, index);
      const pending = whole.then((blocks) => blocks[index - run.first].data);
      pending.catch(() => undefined);
      this.inflight.set(key, pending);
      perBlock.push(pending);
    }
    whole.catch(() => undefined).finally(() => {
      for (let index = run.first; index <= run.last; index += 1) this.inflight.delete(this.key(file, index));
    });
    return perBlock;
  }

  private sliceBlocks(bytes: UpstreamBytes, run: BlockRun, size: number): Array<{ index: number; data: Buffer }> {
    const blocks: Array<{ index: number; data: Buffer }> = [];
    for (let index = run.first; index <= run.last; index += 1) {
      const from = index * this.blockSize - bytes.start;
      const to = Math.min((index + 1) * this.blockSize, size) - bytes.start;
      if (from < 0 || to > bytes.data.length) {
        throw new AppError('upstream_error', `upstream sent bytes ${bytes.start}-${bytes.start + bytes.data.length - 1}, not the requested block ${index}`);
      }
      blocks.push({ index, data: bytes.data.subarray(from, to) });
    }
    return blocks;
  }

  private async fetchUpstream(url: string, range: { start: number; end: number }): Promise<UpstreamBytes> {
    const signals = [AbortSignal.timeout(this.options.upstreamTimeoutMs)];
    if (this.options.shutdownSignal) signals.push(this.options.shutdownSignal);
    const bytes = await this.fetcher(url, range, AbortSignal.any(signals));
    this.counters.upstreamRequests += 1;
    this.counters.upstreamBytes += bytes.data.length;
    return bytes;
  }

  private async fetchHead(url: string): Promise<CachedFile> {
    const bytes = await this.fetchUpstream(url, { start: 0, end: this.blockSize - 1 });
    const file = this.store.putFile(url, { size: bytes.size, blockSize: this.blockSize, etag: bytes.etag, contentType: bytes.contentType });
    if (file.size > 0) {
      const first = { first: 0, last: Math.min(0, file.size - 1) };
      this.store.writeBlocks(file.fileId, this.sliceBlocks(bytes, first, file.size));
      this.counters.misses += 1;
    }
    return file;
  }
}

function upstreamChanged(url: string): AppError {
  return new AppError('upstream_error', `${url} changed upstream while it was being read; try again`);
}
