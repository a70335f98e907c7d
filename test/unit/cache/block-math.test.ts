import { describe, expect, it } from 'vitest';
import { blockCount, blocksOfRanges, blockSpan, contiguousRuns, runByteRange } from '../../../electron/service/cache/block-math';

describe('block math', () => {
  it('maps byte ranges to aligned blocks', () => {
    expect(blockSpan(0, 0, 100)).toEqual({ first: 0, last: 0 });
    expect(blockSpan(99, 100, 100)).toEqual({ first: 0, last: 1 });
    expect(blockSpan(250, 999, 100)).toEqual({ first: 2, last: 9 });
    expect(blockCount(1001, 100)).toBe(11);
    expect(blockCount(0, 100)).toBe(0);
  });

  it('groups block indices into contiguous runs, capped in length', () => {
    expect(contiguousRuns([5, 1, 2, 3, 9, 10, 2])).toEqual([{ first: 1, last: 3 }, { first: 5, last: 5 }, { first: 9, last: 10 }]);
    expect(contiguousRuns([0, 1, 2, 3, 4], 2)).toEqual([{ first: 0, last: 1 }, { first: 2, last: 3 }, { first: 4, last: 4 }]);
    expect(contiguousRuns([])).toEqual([]);
  });

  it('gives the byte range of a run, cut at the end of the file', () => {
    expect(runByteRange({ first: 1, last: 2 }, 1000, 100)).toEqual({ start: 100, end: 299 });
    expect(runByteRange({ first: 9, last: 10 }, 1001, 100)).toEqual({ start: 900, end: 1000 });
  });

  it('collects the blocks of several ranges once each, sorted', () => {
    expect(blocksOfRanges([{ start: 350, end: 420 }, { start: 0, end: 10 }, { start: 399, end: 401 }], 100)).toEqual([0, 3, 4]);
  });
});
