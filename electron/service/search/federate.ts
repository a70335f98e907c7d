/**
 * Federated search: what `GET/POST /api/v1/search` calls. Reads every selected source in
 * parallel, merges their sorted results into one page (merge-page.ts), and returns the page with
 * a cursor for the next one.
 *
 * Failures: each source has its own time limit; a source that fails or times out becomes a
 * `warnings[]` entry and the others still answer. Only when every selected source fails is the
 * search an error (504 when all timed out, else 502, with the warnings in `details`).
 *
 * A failed source keeps its cursor position, so the next page (or a retry of this one) resumes it
 * where it stood; its late results then arrive out of sort order, still exactly once. `next` is
 * only offered while a source that answered has more — a source that keeps failing does not keep
 * a client paging through empty pages; repeating the current request retries it.
 *
 * `matched` is counted on the first page, in parallel with reading it (count-matches.ts), and
 * carried by the cursor to every later page.
 */
import { AppError } from '../api/errors';
import type { SearchWarning, SourceId } from '../stac/types';
import type { SearchPageDecoder, SourceAdapter, SourceContext } from '../sources/types';
import { DEFAULT_COUNT_BUDGET, startCount, type CountBudget, type FirstRead, type RunningCount } from './count-matches';
import { encodeCursor, requestFingerprint } from './cursor';
import { dedupeKey } from './dedupe';
import { mergePage, type MergeOutcome } from './merge-page';
import { planStreams, type SearchPlan } from './plan-streams';
import { failureWarning, raceSignal, sourceTitle, startDeadline, type SourceDeadline } from './source-deadline';
import { advanceState, candidatesOf, createBuffer, fillBuffer, isComplete, type StreamBuffer } from './stream-buffer';
import type { FederatedSearchRequest, FederatedSearchResult, MatchedCount } from './types';

export interface FederatedSearchOptions {
  /** Per-source time limit for this whole call (ASTRA_UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  fetch: typeof fetch;
  /** Caller cancellation (client went away); rejects the call with the signal's reason. */
  signal?: AbortSignal;
  /** Secret for signing the returned cursor; must match the one given to parse-search-request. */
  cursorSecret?: string;
  /** Decodes upstream search pages off the main thread (SourceContext.decodePage). */
  decodePage?: SearchPageDecoder;
  /** Requests, time and page size allowed for counting `matched`; DEFAULT_COUNT_BUDGET when unset. */
  countBudget?: CountBudget;
}

interface SourceRun {
  source: SourceId;
  title: string;
  deadline: SourceDeadline;
  failure: SearchWarning | null;
}

type Merged = Extract<MergeOutcome, { kind: 'merged' }>;

export async function federatedSearch(
  adapters: readonly SourceAdapter[],
  request: FederatedSearchRequest,
  options: FederatedSearchOptions,
): Promise<FederatedSearchResult> {
  const plan = planStreams(request, adapters);
  const buffers = plan.streams.map((stream) => createBuffer(stream, request.cursor?.streams[stream.key]));
  const runs = startRuns(buffers, options);
  // The page's own requests go out first; the count's listings right behind them.
  const firstReads = Promise.all([...runs.values()].map((run) => attempt(run, options, (ctx) =>
    Promise.all(buffers.filter((b) => b.plan.source === run.source && !b.start.exhausted)
      .map((b) => fillBuffer(b, request.limit, ctx))))));
  const counting = request.cursor ? null : startCount(plan.streams, {
    budget: countBudget(options), fetch: options.fetch, signal: options.signal, decodePage: options.decodePage,
  });
  try {
    await firstReads;
    counting?.settle(firstReadsOf(buffers, runs));
    const merged = await mergeWithRefills(buffers, runs, request, options);

    const warnings = [
      ...plan.unconfigured.map((source): SearchWarning => ({ source, code: 'upstream_error', message: `${source} is not configured` })),
      ...[...runs.values()].flatMap((run) => (run.failure ? [run.failure] : [])),
    ];
    const failedSources = new Set(warnings.map((w) => w.source));
    const selected = new Set([...plan.streams.map((s) => s.source), ...plan.unconfigured]);
    if (selected.size > 0 && warnings.length === selected.size) throw allSourcesFailed(warnings);
    for (const run of runs.values()) {
      if (failedSources.has(run.source) || !buffers.some((b) => b.plan.source === run.source && b.servedFromCache)) continue;
      warnings.push({ source: run.source, code: 'served_from_cache', message: `${run.title} answered from the local cache (offline, or the upstream failed)` });
    }

    const count = await countOf(request, plan, buffers, runs, merged, counting);
    if (count.matched === null) warnings.push(count.warning);

    const states = Object.fromEntries(buffers.map((b) => [b.plan.key,
      runs.get(b.plan.source)?.failure ? b.start : advanceState(b, merged.consumed[b.plan.key] ?? 0)]));
    const nextCursor = merged.drained ? null : encodeCursor(
      { fingerprint: requestFingerprint(request), streams: states, seen: merged.seen, count }, options.cursorSecret);
    return {
      features: merged.features,
      context: { matched: count.matched, returned: merged.features.length, limit: request.limit },
      nextCursor,
      warnings,
    };
  } finally {
    counting?.cancel();
    runs.forEach((run) => run.deadline.dispose());
  }
}

/**
 * The cursor's count on later pages. On the first: the page itself when it holds every result
 * (nothing failed), else what the counting found, given what each stream's first page reported.
 */
async function countOf(
  request: FederatedSearchRequest,
  plan: SearchPlan,
  buffers: StreamBuffer[],
  runs: Map<SourceId, SourceRun>,
  merged: Merged,
  counting: RunningCount | null,
): Promise<MatchedCount> {
  if (request.cursor) return request.cursor.count;
  const [unconfigured] = plan.unconfigured;
  if (unconfigured) return { matched: null, warning: { source: unconfigured, code: 'count_incomplete', message: `matched is unknown: ${unconfigured} is not configured` } };
  const anyFailed = [...runs.values()].some((run) => run.failure);
  if (merged.drained && !anyFailed) {
    counting?.cancel();
    return { matched: merged.features.length };
  }
  return (counting as RunningCount).result();
}

/** Per stream: what its first page reported, and all its keys when that read reached its end. */
function firstReadsOf(buffers: StreamBuffer[], runs: Map<SourceId, SourceRun>): Map<string, FirstRead> {
  return new Map(buffers.map((b) => {
    const whole = !runs.get(b.plan.source)?.failure && isComplete(b);
    return [b.plan.key, { matched: b.matched, keys: whole ? candidatesOf(b).items.map(dedupeKey) : null }];
  }));
}

/** The count never holds a page past the search's own time limit. */
function countBudget(options: FederatedSearchOptions): CountBudget {
  const budget = options.countBudget ?? DEFAULT_COUNT_BUDGET;
  return { ...budget, timeMs: Math.min(budget.timeMs, options.timeoutMs) };
}

/** One time limit per source that still has something to read. */
function startRuns(buffers: StreamBuffer[], options: FederatedSearchOptions): Map<SourceId, SourceRun> {
  const runs = new Map<SourceId, SourceRun>();
  for (const buffer of buffers) {
    const { source, adapter } = buffer.plan;
    if (buffer.start.exhausted || runs.has(source)) continue;
    runs.set(source, { source, title: sourceTitle(adapter), deadline: startDeadline(options.timeoutMs, options.signal), failure: null });
  }
  return runs;
}

/** Runs upstream work under the source's deadline; a failure marks the source failed. */
async function attempt(run: SourceRun, options: FederatedSearchOptions, work: (ctx: SourceContext) => Promise<unknown>): Promise<void> {
  if (run.failure) return;
  const ctx: SourceContext = { signal: run.deadline.signal, deadline: run.deadline.deadline, fetch: options.fetch, decodePage: options.decodePage };
  try {
    await raceSignal(Promise.resolve().then(() => work(ctx)), run.deadline.signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    run.failure = failureWarning(run.source, run.title, error, run.deadline.timedOut(), options.timeoutMs);
  }
}

/** Merges; when a stream runs dry mid-page, reads its next upstream page and merges again. */
async function mergeWithRefills(
  buffers: StreamBuffer[],
  runs: Map<SourceId, SourceRun>,
  request: FederatedSearchRequest,
  options: FederatedSearchOptions,
): Promise<Merged> {
  for (;;) {
    const live = buffers.filter((b) => !runs.get(b.plan.source)?.failure);
    const outcome = mergePage({
      streams: live.map(candidatesOf),
      limit: request.limit,
      sortby: request.sortby,
      seen: request.cursor?.seen ?? [],
      holdSeen: buffers.some((b) => !b.start.exhausted && runs.get(b.plan.source)?.failure),
    });
    if (outcome.kind === 'merged') return outcome;
    const buffer = live.find((b) => b.plan.key === outcome.stream) as StreamBuffer;
    const run = runs.get(buffer.plan.source) as SourceRun;
    await attempt(run, options, (ctx) => fillBuffer(buffer, candidatesOf(buffer).items.length + request.limit, ctx));
  }
}

function allSourcesFailed(warnings: SearchWarning[]): AppError {
  const allTimedOut = warnings.every((w) => w.code === 'timeout');
  const summary = warnings.map((w) => w.message).join('; ');
  return allTimedOut
    ? new AppError('upstream_timeout', `No source answered in time: ${summary}`, { details: { warnings } })
    : new AppError('upstream_error', `No source could answer: ${summary}`, { details: { warnings } });
}
