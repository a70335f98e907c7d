/**
 * One scene by its API id `<source>:<upstream id>`, asked of the source that id names. What
 * `GET /api/v1/scenes/{id}` calls when the cache does not have the item.
 */
import { AppError } from '../api/errors';
import type { StacItem } from '../stac/types';
import type { SourceAdapter } from '../sources/types';
import { parseScopedId } from './scoped-id';
import { failureWarning, raceSignal, sourceTitle, startDeadline } from './source-deadline';

export interface GetSceneOptions {
  timeoutMs: number;
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/**
 * The item, or null when the source does not know it (→ 404). A malformed id or unknown source is
 * a 400 on parameter `id`; a failing or slow source a 502 / 504 carrying the warning in `details`.
 */
export async function getSceneFromSources(
  adapters: readonly SourceAdapter[],
  sceneId: string,
  options: GetSceneOptions,
): Promise<StacItem | null> {
  const { source, upstreamId } = parseScopedId(sceneId, 'id');
  const adapter = adapters.find((a) => a.id === source);
  if (!adapter) throw new AppError('service_unavailable', `Source ${source} is not configured`);
  const deadline = startDeadline(options.timeoutMs, options.signal);
  try {
    const work = Promise.resolve().then(() => adapter.getItem(upstreamId, { signal: deadline.signal, deadline: deadline.deadline, fetch: options.fetch }));
    return await raceSignal(work, deadline.signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const warning = failureWarning(source, sourceTitle(adapter), error, deadline.timedOut(), options.timeoutMs);
    throw new AppError(warning.code === 'timeout' ? 'upstream_timeout' : 'upstream_error', warning.message, {
      details: { warnings: [warning] },
      cause: error,
    });
  } finally {
    deadline.dispose();
  }
}
