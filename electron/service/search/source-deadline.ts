/**
 * Time limits for upstream calls. Each source gets its own AbortSignal that aborts after
 * `timeoutMs` (or when the caller aborts), and every await on an adapter is raced against that
 * signal, so an adapter that ignores its signal cannot hold the search past the deadline.
 */
import type { SearchWarning, SourceId } from '../stac/types';
import type { SourceAdapter, UpstreamFailure } from '../sources/types';

export interface SourceDeadline {
  readonly signal: AbortSignal;
  /** Epoch ms at which the signal aborts (adapters use it to decide whether a Retry-After fits). */
  readonly deadline: number;
  /** True once the time limit (not the caller) aborted the signal. */
  timedOut(): boolean;
  dispose(): void;
}

export function startDeadline(timeoutMs: number, parent?: AbortSignal): SourceDeadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Settles like `work`, or rejects with the signal's reason as soon as it aborts. */
export function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

/** The `warnings[]` entry for a source that failed; `timedOut` = our own time limit fired. */
export function failureWarning(source: SourceId, title: string, error: unknown, timedOut: boolean, timeoutMs: number): SearchWarning {
  if (timedOut) return { source, code: 'timeout', message: `${title} timed out after ${timeoutMs} ms` };
  const failure = asUpstreamFailure(error);
  if (failure) {
    if (failure.kind === 'timeout') return { source, code: 'timeout', message: `${title} timed out: ${failure.message}` };
    if (failure.kind === 'rate_limited') {
      const retry = failure.retryAfterMs !== undefined ? ` (retry after ${Math.ceil(failure.retryAfterMs / 1000)} s)` : '';
      return { source, code: 'rate_limited', message: `${title} is rate-limiting requests${retry}: ${failure.message}` };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { source, code: 'upstream_error', message: `${title} failed: ${message}` };
}

/** Recognised by name and kind, not instanceof, so failures from another module copy still count. */
function asUpstreamFailure(error: unknown): UpstreamFailure | null {
  const e = error as Partial<UpstreamFailure> | null;
  return typeof e === 'object' && e !== null && e.name === 'UpstreamFailure'
    && (e.kind === 'timeout' || e.kind === 'rate_limited' || e.kind === 'upstream_error') ? (e as UpstreamFailure) : null;
}

/** The adapter's display name for warning messages, e.g. "Planetary Computer". */
export function sourceTitle(adapter: SourceAdapter): string {
  try {
    return adapter.describe().title || adapter.id;
  } catch {
    return adapter.id;
  }
}
