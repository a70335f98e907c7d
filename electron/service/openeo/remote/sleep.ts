/** Waiting between polls, injectable so tests drive the remote back-end instead of a clock. */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout that rejects with the signal's reason when it aborts. */
export const abortableSleep: Sleep = (ms, signal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) return reject(signal.reason);
  const onAbort = () => {
    clearTimeout(timer);
    reject(signal?.reason);
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener('abort', onAbort);
    resolve();
  }, ms);
  signal?.addEventListener('abort', onAbort, { once: true });
});
