/** The workers' scratch Float32Array pool: reuse, and a bound on what it keeps. */
import { describe, expect, it } from 'vitest';
import { giveBack, pooledScratchBytes, takeFloat32 } from '../../../workers/tasks/process/scratch';

describe('scratch pool', () => {
  it('hands back the same arrays, never one twice, never a view or a detached one', () => {
    const a = takeFloat32(1000);
    const b = takeFloat32(1000);
    giveBack(a, a, b);
    const taken = new Set([takeFloat32(1000), takeFloat32(1000)]);
    expect(taken.has(a) && taken.has(b)).toBe(true);
    expect(takeFloat32(1000) === a || takeFloat32(1000) === b).toBe(false);
    const parent = new Float32Array(2000);
    const view = parent.subarray(0, 1000);
    giveBack(view);
    expect(takeFloat32(1000) === view).toBe(false);
    const moved = new Float32Array(1000);
    structuredClone(moved, { transfer: [moved.buffer] });
    giveBack(moved);
    expect(takeFloat32(1000) === moved).toBe(false);
  });

  it('keeps at most 32 MiB, dropping the least recently used sizes', () => {
    for (let size = 1; size <= 20; size++) giveBack(takeFloat32(size * 100_000), takeFloat32(size * 100_000));
    expect(pooledScratchBytes()).toBeLessThanOrEqual(32 * 1024 * 1024);
    const recent = takeFloat32(20 * 100_000);
    expect(recent.length).toBe(2_000_000);
  });
});
