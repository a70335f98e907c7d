/**
 * The search-page decoder: upstream search pages decoded, parsed and normalized on worker
 * threads (its own worker entry, search-page-worker.ts → out/main/search-page-task.js), a page
 * per thread. Parsing and normalizing a page of
 * 100 items takes 15–30 ms here; on the main thread, three sources' pages in a row kept every
 * other request waiting (the map's tiles, job progress, the Electron main process itself). On
 * pool threads they also decode side by side where there are cores for it. Normalized items come
 * back as wire items (stac/wire-item.ts).
 *
 * Its own pool, not the jobs' one: a running job must not hold searches up. Threads start on
 * demand and stay for IDLE_TIMEOUT_MS; while none is running, pages are decoded inline (as
 * before) and the first such page starts them, so no search waits for a thread to boot.
 */
import { availableParallelism } from 'node:os';
import { ownedBytes } from '../../../workers/lib/owned-buffer';
import { decodeSearchPage, type DecodedSearchPage } from '../sources/http/search-page';
import type { ItemOrigin } from '../sources/normalize/item-origin';
import { UpstreamFailure, type SearchPageDecoder } from '../sources/types';
import type { SourceId } from '../stac/types';
import { SEARCH_PAGE_WORKER_ENTRY, workerEntryFile } from '../worker-pool/worker-entry-file';
import { WorkerPool } from '../worker-pool/worker-pool';
import type { SearchPageTasks } from './search-page-task';

/** Three sources answer a federated search; more threads than cores would only contend. */
export const MAX_DECODER_THREADS = 3;
const IDLE_TIMEOUT_MS = 5 * 60_000;

export interface SearchPageDecoderOptions {
  /** Default: min(MAX_DECODER_THREADS, cores). */
  threads?: number;
  /** The built worker entry (default: out/main/search-page-task.js, see worker-pool/worker-entry-file.ts). */
  filename?: string;
}

export class SearchPageDecoderPool {
  readonly threads: number;
  private readonly pool: WorkerPool<SearchPageTasks>;
  private warmed = false;
  private warming: Promise<void> | null = null;
  /** Pages decoded on a pool thread and inline, for diagnostics and tests. */
  readonly counters = { pooled: 0, inline: 0 };

  constructor(options: SearchPageDecoderOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? Math.min(MAX_DECODER_THREADS, availableParallelism())));
    this.pool = new WorkerPool<SearchPageTasks>({
      size: this.threads,
      filename: options.filename ?? workerEntryFile(SEARCH_PAGE_WORKER_ENTRY),
      idleTimeoutMs: IDLE_TIMEOUT_MS,
    });
  }

  /** True while the pool's threads are up: pages go to them, not inline. */
  get warm(): boolean {
    return this.warmed && this.pool.threadIds.length > 0;
  }

  /** The SourceContext.decodePage of federated searches. */
  readonly decode: SearchPageDecoder = async (bytes, source, origin) => {
    if (!this.warm) {
      this.warmed = false;
      this.warmUp();
      this.counters.inline += 1;
      return decodeSearchPage(bytes, source, origin);
    }
    return this.run(bytes, source, origin);
  };

  private async run(bytes: Uint8Array, source: SourceId, origin: ItemOrigin): Promise<DecodedSearchPage> {
    const owned = ownedBytes(bytes);
    try {
      const decoded = await this.pool.runTask({ kind: 'decode-search-page', bytes: owned, source, origin }, { transferList: [owned.buffer as ArrayBuffer] });
      this.counters.pooled += 1;
      return decoded;
    } catch (error) {
      // The thread failed after taking the page (it cannot be decoded again): the source's warning says so.
      if (owned.byteLength === 0) throw new UpstreamFailure(source, 'upstream_error', `decoding the page failed: ${(error as Error).message}`);
      // Before the transfer (pool closed, no worker file) the bytes are still here to decode inline.
      this.counters.inline += 1;
      return decodeSearchPage(owned, source, origin);
    }
  }

  /** Starts the pool's threads (one per expected concurrent page) without waiting for them. */
  warmUp(): void {
    if (this.warming) return;
    const pings = Array.from({ length: this.threads }, (_, value) => this.pool.runTask({ kind: 'ping', value }));
    this.warming = Promise.all(pings).then(
      () => { this.warmed = true; },
      () => { /* no worker entry or no threads: pages stay inline */ },
    ).finally(() => { this.warming = null; });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
