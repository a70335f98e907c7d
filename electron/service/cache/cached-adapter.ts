/**
 * A SourceAdapter wrapped by the cache, with the same contract, so the federation needs no offline
 * branch:
 * - every item a page or getItem returns is upserted into the items cache, every page into the
 *   query-page cache; written behind (ItemCache.upsertLater), once no upstream call is in flight,
 *   so answers never wait for SQLite;
 * - the same page again within the TTL is answered from the caches without the network;
 * - when the upstream fails (or is about to miss the caller's deadline), a stored copy of the page
 *   (any age) or, for a first page, an items-cache query answers instead, with `servedFromCache`;
 * - offline mode never touches the network.
 * Pages read from the items cache carry positions of their own (`{"astra:cache": keyset}`), which
 * this wrapper consumes and never passes to the adapter. Id listings for counting are cached
 * alike (cached-scene-listing.ts).
 */
import { isAppError } from '../api/errors';
import type { StacItem } from '../stac/types';
import { geometryBbox } from '../sources/normalize/antimeridian';
import { UpstreamFailure, type SourceAdapter, type SourceContext, type SourcePage, type SourcePosition, type SourceQuery } from '../sources/types';
import { cachedSceneListing } from './cached-scene-listing';
import type { AdapterCaches } from './adapter-caches';
import type { ItemKeyset } from './item-cache';
import { positionKey, queryKey } from './query-fingerprint';
import type { CachedPage } from './query-page-cache';

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

/** Where a page is stored (query-page cache) and how its queued write is named (ItemCache.upsertLater). */
interface PageKeys {
  query: string;
  position: string;
  queued: string;
}

const BUDGET_EXCEEDED = Symbol('budget exceeded');
/** A fallback with nothing in it: the upstream's own answer (or failure) stands. */
const EMPTY_PAGE: SourcePage = { items: [], next: null, matched: null, skipped: 0, servedFromCache: true };

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

  function pageKeys(query: SourceQuery, position: SourcePosition | null): PageKeys {
    const keys = { query: queryKey(adapter.id, query), position: positionKey(position) };
    return { ...keys, queued: `page\n${keys.query}\n${keys.position}` };
  }

  function remember(keys: PageKeys, page: SourcePage): void {
    const stored: CachedPage = {
      itemIds: page.items.map((item) => item.id), next: page.next, matched: page.matched, skipped: page.skipped, fetchedAt: now(),
    };
    caches.items.upsertLater(page.items, { key: keys.queued, write: () => caches.pages.put(keys.query, keys.position, adapter.id, stored) });
  }

  /** The stored page's record, when all its items are still cached; items are read only when used. */
  function storedEntry(keys: PageKeys): CachedPage | null {
    if (caches.items.isQueued(keys.queued)) caches.items.flush();
    const stored = caches.pages.get(keys.query, keys.position);
    return stored && caches.items.hasAll(stored.itemIds) ? stored : null;
  }

  /** The stored page with its items; null if some item left the cache since storedEntry. */
  function loadPage(stored: CachedPage): SourcePage | null {
    const found = caches.items.getMany(stored.itemIds);
    if (found.size !== new Set(stored.itemIds).size) return null;
    const items = stored.itemIds.map((id) => found.get(id) as StacItem);
    return { items, next: stored.next, matched: stored.matched, skipped: stored.skipped };
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
    const keys = pageKeys(query, position);
    const entry = storedEntry(keys);
    const stored = entry && (isOffline() || now() - entry.fetchedAt <= options.ttlMs) ? loadPage(entry) : null;
    if (isOffline()) {
      if (stored) return { ...stored, servedFromCache: true };
      if (position === null) return fromItems(query, undefined);
      throw new UpstreamFailure(adapter.id, 'upstream_error', 'offline mode: this page of results is not in the local cache');
    }
    if (stored) return stored;

    const firstPage = position === null ? () => fromItems(query, undefined) : null;
    const fallback = entry ? () => {
      const page = loadPage(entry);
      return page ? { ...page, servedFromCache: true } : firstPage?.() ?? EMPTY_PAGE;
    } : firstPage;
    // Cache writes wait while this call is in flight: they would delay other sources' pages.
    const release = caches.items.holdWrites();
    const upstream = Promise.resolve().then(() => adapter.search(query, position, ctx));
    upstream.finally(release).catch(() => undefined);
    // Also caches a page that lands after the budget was spent. A failed cache write must not fail the search.
    upstream.then((page) => { try { remember(keys, page); } catch { /* see above */ } }, () => undefined);
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
    upstream.then((item) => { if (item) caches.items.upsertLater([item]); }, () => undefined);
    try {
      return await withBudget(upstream, cached ? budgetMs(ctx) : undefined);
    } catch (error) {
      if (!cached || !(error === BUDGET_EXCEEDED || isUpstreamTrouble(error))) throw error;
      return cached.item;
    }
  }

  const listScenes = cachedSceneListing(adapter, caches, { ttlMs: options.ttlMs, isOffline, now });
  return {
    id: adapter.id,
    countsMatches: adapter.countsMatches,
    describe: () => adapter.describe(),
    search,
    getItem,
    ...(listScenes ? { listScenes } : {}),
  };
}
