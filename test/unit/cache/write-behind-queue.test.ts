import { afterEach, describe, expect, it, vi } from 'vitest';
import { WriteBehindQueue, type QueuedWrite } from '../../../electron/service/cache/write-behind-queue';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(maxDeferMs = 2000) {
  const written: string[][] = [];
  const batches: string[][][] = [];
  const queue = new WriteBehindQueue<string>({
    writeOne: (write: QueuedWrite<string>) => { written.push([...write.items]); write.alongside?.(); },
    writeAll: (writes) => { batches.push(writes.map((w) => [...w.items])); writes.forEach((w) => w.alongside?.()); },
    idOf: (item) => item,
    maxDeferMs,
  });
  return { queue, written, batches };
}

describe('write-behind queue', () => {
  let queues: WriteBehindQueue<string>[] = [];
  afterEach(() => { queues.forEach((q) => q.flush()); queues = []; });

  it('writes one queued page per event-loop turn when nothing holds it', async () => {
    const { queue, written } = recorder();
    queues.push(queue);
    queue.enqueue({ items: ['a', 'b'], updatedAt: Date.now(), key: 'p1' });
    queue.enqueue({ items: ['c'], updatedAt: Date.now(), key: 'p2' });
    expect(written).toEqual([]);
    expect(queue.isQueued('p1')).toBe(true);
    await turn();
    expect(written).toEqual([['a', 'b']]);
    expect(queue.isQueued('p1')).toBe(false);
    expect(queue.isQueued('p2')).toBe(true);
    await turn();
    expect(written).toEqual([['a', 'b'], ['c']]);
    expect(queue.size).toBe(0);
  });

  it('waits while held and writes once the last hold is released', async () => {
    const { queue, written } = recorder();
    queues.push(queue);
    const releaseA = queue.hold();
    const releaseB = queue.hold();
    queue.enqueue({ items: ['a'], updatedAt: Date.now() });
    await sleep(20);
    releaseA();
    releaseA(); // a second call of the same release changes nothing
    await sleep(20);
    expect(written).toEqual([]);
    releaseB();
    await turn();
    expect(written).toEqual([['a']]);
  });

  it('writes anyway once a page has waited maxDeferMs, held or not', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { queue, written } = recorder(60);
      queues.push(queue);
      queue.hold();
      queue.enqueue({ items: ['late'], updatedAt: Date.now() });
      await vi.advanceTimersByTimeAsync(59);
      await turn();
      expect(written).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await turn();
      expect(written).toEqual([['late']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flush writes everything at once, held or not, and counts repeated ids per page', async () => {
    const { queue, written, batches } = recorder();
    queue.hold();
    queue.enqueue({ items: ['x', 'y'], updatedAt: Date.now() });
    queue.enqueue({ items: ['x'], updatedAt: Date.now() });
    expect(queue.hasAnyOf(['x'])).toBe(true);
    expect(queue.hasAnyOf(['z'])).toBe(false);
    queue.flush();
    expect(batches).toEqual([[['x', 'y'], ['x']]]);
    expect(queue.hasAnyOf(['x', 'y'])).toBe(false);
    await sleep(10);
    expect(written).toEqual([]);
  });

  it('keeps an id queued while another queued page still holds it', async () => {
    const { queue } = recorder();
    queues.push(queue);
    queue.enqueue({ items: ['x'], updatedAt: Date.now() });
    queue.enqueue({ items: ['x'], updatedAt: Date.now() });
    await turn();
    expect(queue.hasAnyOf(['x'])).toBe(true);
    await turn();
    expect(queue.hasAnyOf(['x'])).toBe(false);
  });
});
