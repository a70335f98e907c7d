/**
 * The item behind a scene id named by a job parameter: the cache layer's one cache-first getter
 * (`cache.assets.scene`: the items cache, then — online — the source the id names, whose answer
 * it keeps), with the errors naming the parameter: 400 for a malformed id, 404 for an unknown
 * scene (offline: one the cache does not hold).
 */
import { isAppError, notFound } from '../../api/errors';
import { parseScopedId } from '../../search/scoped-id';
import type { StacItem } from '../../stac/types';
import type { ProcessingDeps } from '../processing-deps';

export async function sceneItem(deps: Pick<ProcessingDeps, 'scenes' | 'offline'>, id: string, parameter: string, signal?: AbortSignal): Promise<StacItem> {
  parseScopedId(id, parameter);
  try {
    return await deps.scenes.scene(id, signal);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'not_found') throw error;
    throw notFound(deps.offline() ? `${parameter}: scene ${id} is not in the offline cache` : `${parameter}: unknown scene ${id}`);
  }
}
