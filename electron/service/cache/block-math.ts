/** Fixed, aligned blocks of a file and the runs of them to fetch. Pure. */

/** 64 KiB: a COG header fits one block; a 512×512 tile spans a handful. */
export const BLOCK_SIZE = 64 * 1024;
/** Longest single upstream request, in blocks (16 MiB), so one run never holds a whole file in memory. */
export const MAX_RUN_BLOCKS = 256;

export interface BlockRun {
  first: number;
  last: number;
}

/** Blocks holding bytes `start..end` (inclusive). */
export function blockSpan(start: number, end: number, blockSize = BLOCK_SIZE): BlockRun {
  return { first: Math.floor(start / blockSize), last: Math.floor(end / blockSize) };
}

export function blockCount(fileSize: number, blockSize = BLOCK_SIZE): number {
  return Math.ceil(fileSize / blockSize);
}

/** Byte range (inclusive) of blocks `first..last` in a file of `fileSize` bytes. */
export function runByteRange(run: BlockRun, fileSize: number, blockSize = BLOCK_SIZE): { start: number; end: number } {
  return { start: run.first * blockSize, end: Math.min((run.last + 1) * blockSize, fileSize) - 1 };
}

/** Contiguous runs of the given block indices (any order, duplicates allowed), each ≤ maxBlocks long. */
export function contiguousRuns(indices: Iterable<number>, maxBlocks = MAX_RUN_BLOCKS): BlockRun[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: BlockRun[] = [];
  for (const index of sorted) {
    const current = runs[runs.length - 1];
    if (current && index === current.last + 1 && index - current.first < maxBlocks) current.last = index;
    else runs.push({ first: index, last: index });
  }
  return runs;
}

/** Blocks covering several byte ranges (e.g. every tile of a prefetch). */
export function blocksOfRanges(ranges: Iterable<{ start: number; end: number }>, blockSize = BLOCK_SIZE): number[] {
  const blocks = new Set<number>();
  for (const { start, end } of ranges) {
    const span = blockSpan(start, end, blockSize);
    for (let i = span.first; i <= span.last; i += 1) blocks.add(i);
  }
  return [...blocks].sort((a, b) => a - b);
}
