/**
 * Persists a job's progress at most once per interval (default 250 ms: ≤ 4 writes/s per job), with
 * a trailing write so the last value reported is never left unsaved for long. Kinds may report
 * progress per pixel row; GET /jobs/{id} reads the live value from memory, so the database copy
 * only needs to be fresh enough to survive a crash.
 */

export interface ThrottleClock {
  now(): number;
  /** Schedules `run` after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const systemClock: ThrottleClock = {
  now: () => performance.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export class ProgressThrottle<T = number> {
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private pending: T | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly persist: (value: T) => void,
    private readonly intervalMs = 250,
    private readonly clock: ThrottleClock = systemClock,
  ) {}

  update(value: T): void {
    this.pending = value;
    const wait = this.lastWriteAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.flush();
    } else if (!this.cancelTimer) {
      this.cancelTimer = this.clock.after(wait, () => {
        this.cancelTimer = null;
        this.flush();
      });
    }
  }

  /** Writes the pending value now, if any. */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.pending === null) return;
    const value = this.pending;
    this.pending = null;
    this.lastWriteAt = this.clock.now();
    this.persist(value);
  }

  /** Drops the pending value and the trailing write. */
  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.pending = null;
  }
}
