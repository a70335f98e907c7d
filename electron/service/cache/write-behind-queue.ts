/**
 * When the items cache writes what searches brought in. A federated search gets its pages at
 * different times; writing the first page to SQLite while the last one is arriving puts the write
 * on the answer's critical path. So writes wait while any upstream call is in flight (`hold`),
 * then go out one queued page per event-loop turn, so a write never blocks the loop for long.
 * A service that is never idle still writes: a page waits at most `maxDeferMs`.
 */

export interface QueuedWrite<T> {
  items: readonly T[];
  /** When the items arrived: their age counts from then, not from the write. */
  updatedAt: number;
  /** Names the write that belongs with the items (isQueued). */
  key?: string;
  alongside?: () => void;
}

export interface WriteBehindOptions<T> {
  /** Writes one queued page; must not throw. */
  writeOne: (write: QueuedWrite<T>) => void;
  /** Writes all queued pages at once (one transaction); must not throw. */
  writeAll: (writes: QueuedWrite<T>[]) => void;
  idOf: (item: T) => string;
  now?: () => number;
  maxDeferMs?: number;
}

export const DEFAULT_MAX_DEFER_MS = 2000;

export class WriteBehindQueue<T> {
  private queued: QueuedWrite<T>[] = [];
  private readonly ids = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private holds = 0;
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly maxDeferMs: number;

  constructor(private readonly options: WriteBehindOptions<T>) {
    this.now = options.now ?? Date.now;
    this.maxDeferMs = options.maxDeferMs ?? DEFAULT_MAX_DEFER_MS;
  }

  get size(): number {
    return this.queued.length;
  }

  enqueue(write: QueuedWrite<T>): void {
    this.queued.push(write);
    for (const item of write.items) count(this.ids, this.options.idOf(item), 1);
    if (write.key !== undefined) count(this.keys, write.key, 1);
    this.schedule();
  }

  /** Defers writes until the returned release is called (once); holds nest. */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) this.schedule();
    };
  }

  isQueued(key: string): boolean {
    return this.keys.has(key);
  }

  hasAnyOf(ids: Iterable<string>): boolean {
    if (this.ids.size === 0) return false;
    for (const id of ids) if (this.ids.has(id)) return true;
    return false;
  }

  /** Writes everything queued now, held or not. */
  flush(): void {
    this.cancelTimers();
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    this.ids.clear();
    this.keys.clear();
    this.options.writeAll(batch);
  }

  private schedule(): void {
    if (this.queued.length === 0 || this.immediate) return;
    if (this.holds === 0 || this.oldestAge() >= this.maxDeferMs) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.immediate = setImmediate(() => this.step());
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.schedule();
    }, Math.min(this.maxDeferMs, Math.max(0, this.maxDeferMs - this.oldestAge())));
  }

  private step(): void {
    this.immediate = null;
    const write = this.queued.shift();
    if (!write) return;
    for (const item of write.items) count(this.ids, this.options.idOf(item), -1);
    if (write.key !== undefined) count(this.keys, write.key, -1);
    this.options.writeOne(write);
    this.schedule();
  }

  private oldestAge(): number {
    return this.queued.length === 0 ? 0 : this.now() - this.queued[0].updatedAt;
  }

  private cancelTimers(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = null;
    this.timer = null;
  }
}

function count(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next > 0) map.set(key, next);
  else map.delete(key);
}
