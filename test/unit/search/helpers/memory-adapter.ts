/**
 * A real SourceAdapter over an in-memory list of items, for federation tests: it filters like a
 * STAC API would, sorts, pages with its own native page size, honours (or ignores) its
 * AbortSignal with real timers, and records every call.
 */
import type { SourceId, StacItem } from '../../../../electron/service/stac/types';
import {
  UpstreamFailure,
  type SceneListPage,
  type SceneListQuery,
  type SourceAdapter,
  type SourceContext,
  type SourceDescription,
  type SourcePage,
  type SourcePosition,
  type SourceQuery,
} from '../../../../electron/service/sources/types';
import { itemMatches, sortItems } from './stac-filter';

export interface MemoryAdapterOptions {
  id: SourceId;
  items: StacItem[];
  /** The most items one upstream page returns, whatever `limit` asks. */
  pageSize: number;
  title?: string;
  collections?: string[];
  /** Whether the upstream reports `matched` (Planetary Computer does not). */
  counts?: boolean;
  /** Whether it can list identifiers for counting (default true); listings page at most `pageSize` too. */
  lists?: boolean;
  delayMs?: number;
  /** Keeps sleeping after its signal aborted, like a badly written adapter. */
  ignoreSignal?: boolean;
  /** Thrown by the search calls whose 0-based call number it returns an error for. */
  failOn?: (call: number) => Error | undefined;
}

export interface RecordedCall {
  query: SourceQuery;
  position: SourcePosition | null;
}

export interface RecordedListing {
  query: SceneListQuery;
  position: SourcePosition | null;
}

export class MemoryAdapter implements SourceAdapter {
  readonly id: SourceId;
  readonly calls: RecordedCall[] = [];
  readonly listings: RecordedListing[] = [];
  readonly countsMatches: boolean;
  readonly listScenes?: (query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext) => Promise<SceneListPage>;

  constructor(private readonly options: MemoryAdapterOptions) {
    this.id = options.id;
    this.countsMatches = options.counts !== false;
    if (options.lists !== false) this.listScenes = (query, position, ctx) => this.list(query, position, ctx);
  }

  describe(): SourceDescription {
    return {
      id: this.id,
      title: this.options.title ?? `Memory ${this.id}`,
      provider: this.id === 'planetary-computer' ? 'microsoft' : this.id === 'landsat' ? 'usgs' : 'copernicus',
      satellites: [],
      resolutions_m: [],
      collections: this.options.collections ?? [`${this.id}-default`],
      bands: [],
      url: `memory://${this.id}`,
    };
  }

  async search(query: SourceQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SourcePage> {
    const call = this.calls.length;
    this.calls.push({ query, position });
    await this.sleep(ctx.signal);
    const failure = this.options.failOn?.(call);
    if (failure) throw failure;
    const matching = sortItems(this.options.items.filter((item) => itemMatches(item, query)), query.sortby);
    const offset = typeof position?.offset === 'number' ? position.offset : 0;
    const size = Math.min(this.options.pageSize, query.limit);
    const end = offset + size;
    return {
      items: matching.slice(offset, end),
      next: end < matching.length ? { offset: end } : null,
      matched: this.options.counts === false ? null : matching.length,
      skipped: 0,
    };
  }

  /** Ids and scene keys in id order, `pageSize` per page; fails like search (`failOn` by listing call number). */
  private async list(query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SceneListPage> {
    const call = this.listings.length;
    this.listings.push({ query, position });
    await this.sleep(ctx.signal);
    const failure = this.options.failOn?.(call);
    if (failure) throw failure;
    const matching = this.options.items.filter((item) => itemMatches(item, query)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const offset = typeof position?.offset === 'number' ? position.offset : 0;
    const end = offset + Math.min(this.options.pageSize, query.pageSize);
    const page = matching.slice(offset, end);
    return {
      scenes: page.map((item) => ({ id: item.id, sceneKey: item.properties['astra:scene_key'] })),
      returned: page.length,
      next: end < matching.length ? { offset: end } : null,
      matched: this.options.counts === false ? null : matching.length,
    };
  }

  async getItem(upstreamId: string, ctx: SourceContext): Promise<StacItem | null> {
    await this.sleep(ctx.signal);
    const failure = this.options.failOn?.(0);
    if (failure) throw failure;
    return this.options.items.find((item) => item.id === `${this.id}:${upstreamId}`) ?? null;
  }

  private sleep(signal: AbortSignal): Promise<void> {
    const delay = this.options.delayMs ?? 0;
    if (delay === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, delay);
      if (this.options.ignoreSignal) {
        timer.unref();
        return;
      }
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new UpstreamFailure(this.id, 'timeout', 'aborted'));
      }, { once: true });
    });
  }
}
