import { describe, expect, it } from 'vitest';
import type { FinishedJob } from '../../../electron/service/jobs/job-store';
import { expiredJobs } from '../../../electron/service/jobs/result-retention';

const now = new Date('2024-06-30T00:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
/** Oldest first, as the store lists them. */
const jobs: FinishedJob[] = [
  { id: 'a', finished_at: daysAgo(40), result_bytes: 100 },
  { id: 'failed', finished_at: daysAgo(35), result_bytes: 0 },
  { id: 'b', finished_at: daysAgo(20), result_bytes: 300 },
  { id: 'unmeasured', finished_at: daysAgo(10), result_bytes: null },
  { id: 'c', finished_at: daysAgo(1), result_bytes: 500 },
];

describe('expiredJobs', () => {
  it('keeps everything without limits', () => {
    expect(expiredJobs(jobs, { maxAgeDays: null, maxBytes: null }, now)).toEqual([]);
  });

  it('by age: every finished job older than the limit, with or without files', () => {
    expect(expiredJobs(jobs, { maxAgeDays: 30, maxBytes: null }, now)).toEqual(['a', 'failed']);
    expect(expiredJobs(jobs, { maxAgeDays: 1, maxBytes: null }, now)).toEqual(['a', 'failed', 'b', 'unmeasured']);
  });

  it('by size: the oldest results until the rest fit, skipping jobs that hold no bytes', () => {
    expect(expiredJobs(jobs, { maxAgeDays: null, maxBytes: 900 }, now)).toEqual([]);
    expect(expiredJobs(jobs, { maxAgeDays: null, maxBytes: 800 }, now)).toEqual(['a']);
    expect(expiredJobs(jobs, { maxAgeDays: null, maxBytes: 799 }, now)).toEqual(['a', 'b']);
  });

  it('by size: never the newest result, even when it alone is over the limit', () => {
    expect(expiredJobs(jobs, { maxAgeDays: null, maxBytes: 0 }, now)).toEqual(['a', 'b']);
    expect(expiredJobs([...jobs, { id: 'failed-last', finished_at: daysAgo(0), result_bytes: 0 }], { maxAgeDays: null, maxBytes: 0 }, now)).toEqual(['a', 'b']);
  });

  it('both: what age removes no longer counts against the size limit', () => {
    expect(expiredJobs(jobs, { maxAgeDays: 30, maxBytes: 800 }, now)).toEqual(['a', 'failed']);
    expect(expiredJobs(jobs, { maxAgeDays: 30, maxBytes: 500 }, now)).toEqual(['a', 'failed', 'b']);
  });
});
