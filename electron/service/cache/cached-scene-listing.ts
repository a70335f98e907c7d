/**
 * Id listings (SourceAdapter.listScenes) through the query-page cache, beside the search pages
 * of cached-adapter.ts: a repeated search within the TTL is counted without the network, and
 * offline or with the upstream down, a listing stored earlier (any age) still counts it.
 * A stored listing page keeps each scene as `"<id> <scene key>"` (ids and keys hold no spaces)
 * and the upstream features it could not use as `skipped`.
 */
import { isAppError } from '../api/errors';
import { UpstreamFailure, type ListedScene, type SceneListPage, type SceneListQuery, type SourceAdapter, type SourceContext, type SourcePosition } from '../sources/types';
import type { AdapterCaches } from './adapter-caches';
import { positionKey, queryKey } from './query-fingerprint';
import type { CachedPage } from './query-page-cache';

export interface ListingCacheOptions {
  ttlMs: number;
  isOffline: () => boolean;
  now: () => number;
}

type ListScenes = NonNullable<SourceAdapter['listScenes']>;

function encodeScene(scene: ListedScene): string {
  return scene.sceneKey === undefined ? scene.id : `${scene.id} ${scene.sceneKey}`;
}

function decodeScene(text: string): ListedScene {
  const space = text.indexOf(' ');
  return space < 0 ? { id: text } : { id: text.slice(0, space), sceneKey: text.slice(space + 1) };
}

function fromStored(stored: CachedPage): SceneListPage {
  return { scenes: stored.itemIds.map(decodeScene), returned: stored.itemIds.length + stored.skipped, next: stored.next, matched: stored.matched };
}

export function cachedSceneListing(adapter: SourceAdapter, caches: AdapterCaches, options: ListingCacheOptions): ListScenes | undefined {
  const listScenes = adapter.listScenes?.bind(adapter);
  if (!listScenes) return undefined;

  function keys(query: SceneListQuery, position: SourcePosition | null) {
    const { pageSize, ...filters } = query;
    const key = { query: queryKey(`${adapter.id}#scenes`, { ...filters, limit: pageSize, sortby: '-datetime' }), position: positionKey(position) };
    return { ...key, queued: `scenes\n${key.query}\n${key.position}` };
  }

  return async (query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SceneListPage> => {
    const key = keys(query, position);
    if (caches.items.isQueued(key.queued)) caches.items.flush();
    const stored = caches.pages.get(key.query, key.position);
    if (options.isOffline()) {
      if (stored) return fromStored(stored);
      throw new UpstreamFailure(adapter.id, 'upstream_error', 'offline mode: this search was not counted online before');
    }
    if (stored && options.now() - stored.fetchedAt <= options.ttlMs) return fromStored(stored);
    let page: SceneListPage;
    try {
      page = await listScenes(query, position, ctx);
    } catch (error) {
      if (stored && !ctx.signal.aborted && (!isAppError(error) || error.status >= 500)) return fromStored(stored);
      throw error;
    }
    const record: CachedPage = {
      itemIds: page.scenes.map(encodeScene), next: page.next, matched: page.matched,
      skipped: Math.max(0, page.returned - page.scenes.length), fetchedAt: options.now(),
    };
    caches.items.upsertLater([], { key: key.queued, write: () => caches.pages.put(key.query, key.position, adapter.id, record) });
    return page;
  };
}
