/**
 * How the asset layer finds a scene: the items cache first (hrefs are stored unsigned and do not
 * go stale the way search results do), then the upstream source, whose answer is cached.
 */
import type { ItemCache } from '../cache/item-cache';
import type { StacItem } from '../stac/types';

/** The item for an API scene id `<source>:<upstream id>`, or null when no source knows it. */
export type SceneGetter = (sceneId: string, signal?: AbortSignal) => Promise<StacItem | null>;

export function cacheFirstSceneGetter(items: ItemCache, upstream?: SceneGetter): SceneGetter {
  return async (sceneId, signal) => {
    const cached = items.get(sceneId);
    if (cached || !upstream) return cached;
    const item = await upstream(sceneId, signal);
    if (item) items.upsertMany([item]);
    return item;
  };
}
