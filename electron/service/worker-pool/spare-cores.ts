/**
 * The cores a worker pool leaves to this process: they deflate result blocks and inflate the
 * workers' source blocks on the libuv pool while the workers compute (processing/README.md).
 * With the default of one worker per core but one, on 2 cores: a whole core for one worker.
 */
import { availableParallelism } from 'node:os';

/** Spare cores per worker, at most 1: the share of the workers' (de)compression done here. */
export function spareCoreShare(workers: number, cores = availableParallelism()): number {
  return Math.min(1, Math.max(0, cores - workers) / workers);
}

