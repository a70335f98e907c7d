/**
 * How many time-series entries one `area-statistics` task takes (engine/run-timeseries.ts): a
 * batch is read concurrently by the worker, so its size is bounded by the output pixels it holds.
 */
import { describe, expect, it } from 'vitest';
import { entriesPerTask } from '../../../electron/service/processing/area/engine/run-timeseries';

describe('entries per time-series task', () => {
  it('batches up to 8 entries of a point or a field, one entry of a large tile', () => {
    expect(entriesPerTask({ width: 1, height: 1 })).toBe(8);
    expect(entriesPerTask({ width: 60, height: 40 })).toBe(8);
    expect(entriesPerTask({ width: 100, height: 100 })).toBe(6);
    expect(entriesPerTask({ width: 256, height: 256 })).toBe(1);
    expect(entriesPerTask({ width: 5000, height: 3000 })).toBe(1);
  });

  it('sizes the batch by the largest tile: a wide, short grid counts one 512-pixel-wide tile', () => {
    expect(entriesPerTask({ width: 4000, height: 16 })).toBe(8);
    expect(entriesPerTask({ width: 4000, height: 64 })).toBe(2);
  });
});
