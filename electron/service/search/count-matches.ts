/**
 * Counts a federated search once, on its first page, in parallel with reading that page
 * (count-plan.ts decides what is listed and what the catalogs' own counts answer). Listings page
 * through identifiers only, within one budget of upstream requests and time for the whole search;
 * when it runs out, or a listing fails, the count is unknown: `matched` null and a
 * `count_incomplete` warning saying why. The budget's defaults are documented in docs/api.md.
 */
import type { SourceId } from '../stac/types';
import type { SceneListPage, SearchPageDecoder, SourcePosition } from '../sources/types';
import { listingTasks, planCount, type CountPlan, type ListingTask } from './count-plan';
import { dedupeKeyOf } from './dedupe';
import type { StreamPlan } from './plan-streams';
import type { MatchedCount } from './types';
import { raceSignal, sourceTitle } from './source-deadline';

export interface CountBudget {
  /** Upstream listing requests for one search, all listings together. */
  maxRequests: number;
  /** Time from the start of the search after which counting gives up. */
  timeMs: number;
  /** Identifiers asked per listing request (Planetary Computer allows up to 1000). */
  pageSize: number;
}

/** Enough for ~10,000 scenes over the three default catalogs. */
export const DEFAULT_COUNT_BUDGET: Readonly<CountBudget> = { maxRequests: 48, timeMs: 5000, pageSize: 1000 };

export interface CountOptions {
  budget: CountBudget;
  fetch: typeof fetch;
  /** The caller's cancellation. */
  signal?: AbortSignal;
  decodePage?: SearchPageDecoder;
}

/** What the search's first read of one stream tells the count. */
export interface FirstRead {
  /** The `matched` its first upstream page reported (undefined: the read failed). */
  matched: number | null | undefined;
  /** Dedupe keys of all its results, when that first read already holds them all; else null. */
  keys: string[] | null;
}

export interface RunningCount {
  /**
   * Hands over the first reads, per stream key, once they are done: a stream read to its end
   * needs no listing (its listings stop), and a stream counted by its catalog whose first page
   * did not answer with a number is listed after all.
   */
  settle(firstReads: ReadonlyMap<string, FirstRead>): void;
  /** The count, once every listing is done (or the budget ran out). Call after settle. */
  result(): Promise<MatchedCount>;
  /** Stops listing (the first page already holds every result). */
  cancel(): void;
}

class CountStopped extends Error {
  constructor(readonly source: SourceId, message: string) {
    super(message);
  }
}

export function startCount(streams: readonly StreamPlan[], options: CountOptions): RunningCount {
  const { budget } = options;
  const plan: CountPlan = planCount(streams, budget.pageSize);
  const controller = new AbortController();
  const deadline = Date.now() + budget.timeMs;
  const timer = setTimeout(() => controller.abort(new DOMException(`counting took over ${budget.timeMs} ms`, 'TimeoutError')), budget.timeMs);
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const keys = new Set<string>();
  let requestsLeft = budget.maxRequests;
  let stopped: CountStopped | null = null;
  /** Streams whose every result the first read holds: their listings are not needed. */
  const settled = new Set<string>();
  const streamSignals = new Map<string, AbortController>();
  const streamSignal = (key: string): AbortController => {
    let stream = streamSignals.get(key);
    if (!stream) streamSignals.set(key, stream = new AbortController());
    return stream;
  };
  let reportedTotal = 0;
  const late: Promise<void>[] = [];

  const stop = (reason: CountStopped): void => {
    stopped ??= reason;
    controller.abort(reason);
  };

  async function list(task: ListingTask): Promise<void> {
    const { adapter, source } = task.stream;
    if (!adapter.listScenes) throw new CountStopped(source, `${sourceTitle(adapter)} cannot list identifiers`);
    const signal = AbortSignal.any([controller.signal, streamSignal(task.stream.key).signal]);
    const ctx = { signal, fetch: options.fetch, deadline, decodePage: options.decodePage };
    let position: SourcePosition | null = null;
    let listed = 0;
    // Yields once, so the first page's own upstream requests go out before the listings.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      if (signal.aborted) throw signal.reason;
      if (requestsLeft <= 0) throw new CountStopped(source, `counting stopped after ${budget.maxRequests} listing requests`);
      requestsLeft -= 1;
      const page: SceneListPage = await raceSignal(adapter.listScenes(task.query, position, ctx), signal);
      for (const scene of page.scenes) keys.add(dedupeKeyOf(scene.id, scene.sceneKey));
      listed += page.returned;
      if (page.next === null || (page.matched !== null && listed >= page.matched)) return;
      if (page.matched !== null) {
        const needed = Math.ceil((page.matched - listed) / Math.max(1, page.returned));
        if (needed > requestsLeft) {
          throw new CountStopped(source, `${page.matched} matches in ${task.query.collections?.join(',')} need ${needed} more listing requests; the budget has ${requestsLeft} left`);
        }
      }
      position = page.next;
    }
  }

  const run = (task: ListingTask): Promise<void> => list(task).catch((error: unknown) => {
    if (settled.has(task.stream.key)) return;
    if (error instanceof CountStopped) return stop(error);
    const source = task.stream.source;
    const title = sourceTitle(task.stream.adapter);
    if (controller.signal.aborted && !stopped) return stop(new CountStopped(source, `${title}: ${describeAbort(controller.signal.reason)}`));
    if (!stopped) stop(new CountStopped(source, `${title} could not be listed: ${error instanceof Error ? error.message : String(error)}`));
  });

  const listing = plan.listed.map(run);

  const dispose = (): void => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  };

  return {
    settle(firstReads) {
      for (const [key, read] of firstReads) {
        if (!read.keys) continue;
        settled.add(key);
        streamSignal(key).abort(new DOMException('read to its end', 'AbortError'));
        for (const dedupeKey of read.keys) keys.add(dedupeKey);
      }
      for (const stream of plan.reported) {
        if (settled.has(stream.key)) continue;
        const count = firstReads.get(stream.key)?.matched;
        if (typeof count === 'number') reportedTotal += count;
        else late.push(...listingTasks(stream, budget.pageSize).map(run));
      }
    },
    async result() {
      try {
        await Promise.all([...listing, ...late]);
      } finally {
        dispose();
      }
      if (options.signal?.aborted) throw options.signal.reason;
      if (stopped) return { matched: null, warning: { source: stopped.source, code: 'count_incomplete', message: `matched is unknown: ${stopped.message}` } };
      return { matched: reportedTotal + keys.size };
    },
    cancel() {
      controller.abort(new DOMException('not needed', 'AbortError'));
      dispose();
    },
  };
}

function describeAbort(reason: unknown): string {
  if (reason instanceof CountStopped) return reason.message;
  if (reason instanceof Error && reason.message) return reason.message;
  return 'counting was cancelled';
}
