/**
 * Watches a `spin` task from the test's own thread through a SharedArrayBuffer the worker writes
 * after every chunk ([0] = chunks done, [1] = worker threadId). Unlike progress messages, which the
 * pool stops delivering once a task is cancelled, this shows whether the thread really stopped.
 */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Heartbeat {
  array: Int32Array;
  chunks(): number;
  threadId(): number;
  /** Resolves once `ok(chunksDone)` holds; fails after `timeoutMs`. */
  until(ok: (chunks: number) => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Resolves with the time (performance.now) of the last observed change once the count has not
   * changed for `quietMs`; fails if it keeps changing for `timeoutMs`.
   */
  stillSince(quietMs: number, timeoutMs?: number): Promise<number>;
}

export function watchHeartbeat(): Heartbeat {
  const array = new Int32Array(new SharedArrayBuffer(8));
  const chunks = () => Atomics.load(array, 0);
  return {
    array,
    chunks,
    threadId: () => Atomics.load(array, 1),
    async until(ok, timeoutMs = 5000) {
      const deadline = performance.now() + timeoutMs;
      while (!ok(chunks())) {
        if (performance.now() > deadline) throw new Error(`heartbeat stuck at ${chunks()} chunks`);
        await sleep(5);
      }
    },
    async stillSince(quietMs, timeoutMs = 5000) {
      const deadline = performance.now() + timeoutMs;
      let last = chunks();
      let changedAt = performance.now();
      for (;;) {
        await sleep(5);
        const now = performance.now();
        const current = chunks();
        if (current !== last) {
          last = current;
          changedAt = now;
        } else if (now - changedAt >= quietMs) {
          return changedAt;
        }
        if (now > deadline) throw new Error(`heartbeat still advancing (${current} chunks) after ${timeoutMs} ms`);
      }
    },
  };
}
