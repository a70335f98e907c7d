/**
 * The item behind a scene id, offline-capable: the cache layer's cache-first getter
 * (`cache.assets.scene`), then — when it does not know the scene and the app is online — the
 * source the id names (search's getSceneFromSources). A found item is kept in the items cache,
 * because that is where the COG proxy the workers read through looks scenes up.
 */
import { isAppError, notFound } from '../../api/errors';
import { getSceneFromSources } from '../../search';
import { parseScopedId } from '../../search/scoped-id';
import type { ServiceContext } from '../../service-context';
import type { StacItem } from '../../stac/types';

async function fromCache(service: ServiceContext, id: string, signal?: AbortSignal): Promise<StacItem | null> {
  try {
    return await service.cache.assets.scene(id, signal);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** The item of `id`; 400 naming `parameter` for a malformed id, 404 for an unknown scene. */
export async function sceneItem(service: ServiceContext, id: string, parameter: string, signal?: AbortSignal): Promise<StacItem> {
  parseScopedId(id, parameter);
  const cached = await fromCache(service, id, signal);
  if (cached) return cached;
  if (service.cache.offline.enabled) throw notFound(`${parameter}: scene ${id} is not in the offline cache`);
  const item = await getSceneFromSources(service.sources, id, { timeoutMs: service.config.upstreamTimeoutMs, fetch: service.upstreamFetch, signal });
  if (!item) throw notFound(`${parameter}: unknown scene ${id}`);
  service.cache.items.upsertMany([item]);
  return item;
}
