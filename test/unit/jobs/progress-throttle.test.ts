import { describe, expect, it } from 'vitest';
import { ProgressThrottle, type ThrottleClock } from '../../../electron/service/jobs/progress-throttle';

/** A clock the test moves by hand; timers fire when time passes them. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void }> = [];
  const clock: ThrottleClock = {
    now: () => now,
    after(ms, run) {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => { timers = timers.filter((t) => t !== timer); };
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers = timers.filter((t) => t !== timer);
        timer.run();
      }
    },
    pendingTimers: () => timers.length,
  };
}

describe('ProgressThrottle', () => {
  it('writes at most once per interval however often progress is reported, then the last value', () => {
    const time = manualClock();
    const writes: Array<[number, number]> = [];
    const throttle = new ProgressThrottle((v) => writes.push([time.clock.now(), v]), 250, time.clock);
    for (let i = 1; i <= 1000; i += 1) {
      throttle.update(i / 1000);
      time.advance(1); // 1000 updates over one second
    }
    time.advance(250);
    // ≤ 4 writes per second (+ the first one at once), and the final value is persisted.
    expect(writes.length).toBeLessThanOrEqual(5);
    expect(writes.at(-1)![1]).toBe(1);
    for (let i = 1; i < writes.length; i += 1) expect(writes[i][0] - writes[i - 1][0]).toBeGreaterThanOrEqual(250);
  });

  it('writes the first value at once and the trailing one when the interval ends', () => {
    const time = manualClock();
    const writes: number[] = [];
    const throttle = new ProgressThrottle((v) => writes.push(v), 250, time.clock);
    throttle.update(0.1);
    expect(writes).toEqual([0.1]);
    throttle.update(0.2);
    throttle.update(0.3);
    expect(writes).toEqual([0.1]);
    time.advance(249);
    expect(writes).toEqual([0.1]);
    time.advance(1);
    expect(writes).toEqual([0.1, 0.3]);
    expect(time.pendingTimers()).toBe(0);
  });

  it('flush writes the pending value now; stop drops it', () => {
    const time = manualClock();
    const writes: number[] = [];
    const throttle = new ProgressThrottle((v) => writes.push(v), 250, time.clock);
    throttle.update(0.1);
    throttle.update(0.5);
    throttle.flush();
    expect(writes).toEqual([0.1, 0.5]);
    throttle.flush();
    expect(writes).toEqual([0.1, 0.5]);
    throttle.update(0.7);
    throttle.stop();
    time.advance(1000);
    expect(writes).toEqual([0.1, 0.5]);
    expect(time.pendingTimers()).toBe(0);
  });
});
