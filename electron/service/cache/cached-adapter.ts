/**
 * A SourceAdapter wrapped by the cache, with the same contract, so the federation needs no offline
 * branch:
 * - every item a page or getItem returns is upserted into the items cache, every page into the
 *   query-page cache;
 * - the same page again within the TTL is answered from the caches without the network;
 * - when the upstream fails (or is about to miss the caller's deadline), a stored copy of the page
 *   (any age) or, for a first page, an items-cache query answers instead, with `servedFromCache`;
 * - offline mode never touches the network.
 * Pages read from the items cache carry positions of their own (`{"astra:cache": keyset}`), which
 * this wrapper consumes and never passes to the adapter.
 */
import { isAppError } from '../api/errors';
import type { Bbox, Geometry, StacItem } from '../stac/types';
import { UpstreamFailure, type SourceAdapter, type SourceContext, type SourcePage, type SourcePosition, type SourceQuery } from '../sources/types';
import type { ItemCache, ItemKeyset } from './item-cache';
import { positionKey, queryKey } from './query-fingerprint';
import type { QueryPageCache } from './query-page-cache';

export const CACHE_POSITION_KEY = 'astra:cache';

export interface CachedAdapterOptions {
  /** A stored page younger than this is served without asking the upstream (config cacheTtlMs). */
  ttlMs: number;
  /** Offline mode: config `offline`, ASTRA_OFFLINE=1 or the runtime setting. */
  offline: boolean | (() => boolean);
  now?: () => number;
  /**
   * Longest wait for the upstream when a cached answer exists. `ctx.deadline`, when given, wins:
   * the cache answers shortly before it, so the caller's own time limit never fires first.
   */
  fallbackAfterMs?: number;
}

export interface AdapterCaches {
  items: ItemCache;
  pages: QueryPageCache;
}

const BUDGET_EXCEEDED = Symbol('budget exceeded');

function geometryBbox(geometry: Geometry): Bbox | undefined {
  const lons: number[] = [];
  const lats: number[] = [];
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') { lons.push(value[0]); lats.push(value[1] as number); return; }
    value.forEach(walk);
  };
  walk(geometry.coordinates);
  if (lons.length === 0) return undefined;
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Failures the cache may answer for; a 4xx AppError (our own bad input) is not one. */
function isUpstreamTrouble(error: unknown): boolean {
  return !isAppError(error) || error.status >= 500;
}

function cacheKeyset(position: SourcePosition | null): ItemKeyset | null {
  const value = position?.[CACHE_POSITION_KEY] as ItemKeyset | undefined;
  return value && typeof value === 'object' && typeof value.id === 'string' ? value : null;
}

export function cachedAdapter(adapter: SourceAdapter, caches: AdapterCaches, options: CachedAdapterOptions): SourceAdapter {
  const now = options.now ?? Date.now;
  const isOffline = typeof options.offline === 'function' ? options.offline : () => options.offline as boolean;

  function budgetMs(ctx: SourceContext): number | undefined {
    if (ctx.deadline !== undefined) {
      const remaining = ctx.deadline - now();
      return Math.max(0, remaining - Math.min(500, remaining * 0.2));
    }
    return options.fallbackAfterMs;
  }

  /** The upstream call, abandoned (but still cached when it lands) once the budget is spent. */
  function withBudget<T>(work: Promise<T>, budget: number | undefined): Promise<T> {
    if (budget === undefined) return work;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(BUDGET_EXCEEDED), budget); });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  }

  function remember(query: SourceQuery, position: SourcePosition | null, page: SourcePage): void {
    caches.items.upsertMany(page.items);
    caches.pages.put(queryKey(adapter.id, query), positionKey(position), adapter.id, {
      itemIds: page.items.map((item) => item.id), next: page.next, matched: page.matched, skipped: page.skipped, fetchedAt: now(),
    });
  }

  function storedPage(query: SourceQuery, position: SourcePosition | null): { page: SourcePage; fetchedAt: number } | null {
    const stored = caches.pages.get(queryKey(adapter.id, query), positionKey(position));
    if (!stored) return null;
    const found = caches.items.getMany(stored.itemIds);
    if (found.size !== new Set(stored.itemIds).size) return null;
    const items = stored.itemIds.map((id) => found.get(id) as StacItem);
    return { page: { items, next: stored.next, matched: stored.matched, skipped: stored.skipped }, fetchedAt: stored.fetchedAt };
  }

  function fromItems(query: SourceQuery, after: ItemKeyset | undefined): SourcePage {
    const result = caches.items.query({
      bbox: query.bbox ?? (query.intersects ? geometryBbox(query.intersects) : undefined),
      datetime: query.datetime,
      cloudCoverLt: query.cloudCoverLt,
      sources: [adapter.id],
      collections: query.collections ?? adapter.describe().collections,
      ids: query.ids?.map((id) => `${adapter.id}:${id}`),
      limit: query.limit,
      sortby: query.sortby,
      after,
    });
    return { items: result.items, next: result.next ? { [CACHE_POSITION_KEY]: result.next } : null, matched: null, skipped: 0, servedFromCache: true };
  }

  async function search(query: SourceQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SourcePage> {
    const keyset = cacheKeyset(position);
    if (keyset) return fromItems(query, keyset);
    const stored = storedPage(query, position);
    if (isOffline()) {
      if (stored) return { ...stored.page, servedFromCache: true };
      if (position === null) return fromItems(query, undefined);
      throw new UpstreamFailure(adapter.id, 'upstream_error', 'offline mode: this page of results is not in the local cache');
    }
    if (stored && now() - stored.fetchedAt <= options.ttlMs) return stored.page;

    const fallback = stored ? () => ({ ...stored.page, servedFromCache: true })
      : position === null ? () => fromItems(query, undefined) : null;
    const upstream = Promise.resolve().then(() => adapter.search(query, position, ctx));
    // Also caches a page that lands after the budget was spent. A failed cache write must not fail the search.
    upstream.then((page) => { try { remember(query, position, page); } catch { /* see above */ } }, () => undefined);
    try {
      return await withBudget(upstream, fallback ? budgetMs(ctx) : undefined);
    } catch (error) {
      if (!fallback || !(error === BUDGET_EXCEEDED || isUpstreamTrouble(error))) throw error;
      const page = fallback();
      if (page.items.length > 0) return page;
      // Nothing cached for this query: the upstream's own answer (or failure) is the truth.
      if (error === BUDGET_EXCEEDED) return await upstream;
      throw error;
    }
  }

  async function getItem(upstreamId: string, ctx: SourceContext): Promise<StacItem | null> {
    const cached = caches.items.getWithAge(`${adapter.id}:${upstreamId}`);
    if (isOffline()) {
      if (cached) return cached.item;
      throw new UpstreamFailure(adapter.id, 'upstream_error', `offline mode: ${adapter.id}:${upstreamId} is not in the local cache`);
    }
    if (cached && now() - cached.updatedAt <= options.ttlMs) return cached.item;
    const upstream = Promise.resolve().then(() => adapter.getItem(upstreamId, ctx));
    upstream.then((item) => { try { if (item) caches.items.upsertMany([item]); } catch { /* as in search */ } }, () => undefined);
    try {
      return await withBudget(upstream, cached ? budgetMs(ctx) : undefined);
    } catch (error) {
      if (!cached || !(error === BUDGET_EXCEEDED || isUpstreamTrouble(error))) throw error;
      return cached.item;
    }
  }

  return { id: adapter.id, describe: () => adapter.describe(), search, getItem };
}
