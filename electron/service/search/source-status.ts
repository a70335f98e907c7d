/**
 * Remembers, per source, whether its upstream answered at its last use — what GET /api/v1/sources
 * reports as `reachable`. Wraps an adapter without changing its contract.
 */
import type { SourceStatus } from '../api/types';
import type { SourceId } from '../stac/types';
import type { SourceAdapter } from '../sources/types';

export class SourceStatusBoard {
  private readonly statuses = new Map<SourceId, SourceStatus>();

  get(id: SourceId): SourceStatus {
    return this.statuses.get(id) ?? { reachable: null, last_checked_at: null, last_error: null };
  }

  record(id: SourceId, error: unknown): void {
    const aborted = (error as Error | undefined)?.name === 'AbortError' || (error as Error | undefined)?.name === 'TimeoutError';
    this.statuses.set(id, {
      reachable: error === undefined,
      last_checked_at: new Date().toISOString(),
      last_error: error === undefined ? null : aborted ? 'timed out' : error instanceof Error ? error.message : String(error),
    });
  }

  track(adapter: SourceAdapter): SourceAdapter {
    const observe = async <T>(work: Promise<T>): Promise<T> => {
      try {
        const value = await work;
        this.record(adapter.id, undefined);
        return value;
      } catch (error) {
        this.record(adapter.id, error);
        throw error;
      }
    };
    const listScenes = adapter.listScenes?.bind(adapter);
    return {
      id: adapter.id,
      countsMatches: adapter.countsMatches,
      describe: () => adapter.describe(),
      search: (query, position, ctx) => observe(adapter.search(query, position, ctx)),
      getItem: (id, ctx) => observe(adapter.getItem(id, ctx)),
      // Not observed: counting stops listings on its own budget, which says nothing of reachability.
      ...(listScenes ? { listScenes } : {}),
    };
  }
}
