import { describe, expect, it } from 'vitest';
import { EMPTY_STATS, finalizeStats, mergeStats, partialStats } from '../../../workers/lib/stats';
import { seededRandom } from '../../helpers/seeded-random';

describe('raster statistics', () => {
  const random = seededRandom(3);
  const values = Float32Array.from({ length: 100_003 }, () => (random() < 0.15 ? NaN : random() * 2 - 0.5));

  it('ignore NaN and match a direct computation', () => {
    const valid = Array.from(values).filter((v) => !Number.isNaN(v));
    const stats = finalizeStats(partialStats(values));
    expect(stats.min).toBe(valid.reduce((m, v) => (v < m ? v : m), Infinity));
    expect(stats.max).toBe(valid.reduce((m, v) => (v > m ? v : m), -Infinity));
    expect(stats.mean).toBeCloseTo(valid.reduce((s, v) => s + v, 0) / valid.length, 12);
    expect(stats.valid_fraction).toBe(valid.length / values.length);
  });

  it('merged per-tile partials equal the one-shot result, for uneven tiles', () => {
    const oneShot = partialStats(values);
    let merged = EMPTY_STATS;
    for (let start = 0, size = 1; start < values.length; start += size, size = size * 3 + 7) {
      merged = mergeStats(merged, partialStats(values.subarray(start, start + size)));
    }
    expect({ ...merged, sum: 0 }).toEqual({ ...oneShot, sum: 0 });
    expect(merged.sum).toBeCloseTo(oneShot.sum, 8);
    const a = finalizeStats(merged);
    const b = finalizeStats(oneShot);
    expect([a.min, a.max, a.valid_fraction]).toEqual([b.min, b.max, b.valid_fraction]);
    expect(a.mean).toBeCloseTo(b.mean as number, 12);
  });

  it('report null min/max/mean and valid_fraction 0 when nothing is valid', () => {
    expect(finalizeStats(partialStats(Float32Array.of(NaN, NaN)))).toEqual({ min: null, max: null, mean: null, valid_fraction: 0 });
    expect(finalizeStats(EMPTY_STATS)).toEqual({ min: null, max: null, mean: null, valid_fraction: 0 });
    expect(finalizeStats(mergeStats(partialStats(Float32Array.of(NaN)), partialStats(Float32Array.of(2, 4, NaN)))))
      .toEqual({ min: 2, max: 4, mean: 3, valid_fraction: 0.5 });
  });
});
