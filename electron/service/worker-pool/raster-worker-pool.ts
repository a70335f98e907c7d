/**
 * The service's raster pool: Piscina threads running the raster worker entry
 * (workers/raster-task.ts → out/main/raster-task.js). Processing jobs run their tiles on it; the
 * COG writer encodes overview tiles on it.
 */
import type { RasterTasks } from '../../../workers/protocol/raster-tasks';
import { RASTER_WORKER_ENTRY, workerEntryFile } from './worker-entry-file';
import { WorkerPool } from './worker-pool';

export type RasterWorkerPool = WorkerPool<RasterTasks>;

/** `size` threads at most (config.workerCount); `filename` only to point a test at another build. */
export function createRasterWorkerPool(size: number, filename = workerEntryFile(RASTER_WORKER_ENTRY)): RasterWorkerPool {
  return new WorkerPool<RasterTasks>({ size, filename });
}
