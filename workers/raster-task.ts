/**
 * Piscina worker entry of the service's raster pool (built to out/main/raster-task.js). Each task
 * is plain data plus transferable buffers (workers/protocol/raster-tasks.ts); the pure math lives
 * in workers/lib/. Loaded by the pool from its built file; nothing imports it.
 *
 * Adding a task: its types in workers/protocol/raster-tasks.ts, a case in `dispatch`. A handler
 * returns its result, or `withTransfer(result, [buffers])` to move output arrays instead of
 * copying them; it reports progress through `io.progress(0..1)`. Callers use the service's
 * WorkerPool.runTask (electron/service/worker-pool/worker-pool.ts), which wraps the task in a
 * TaskEnvelope and handles progress, transfer, byte reads and cancellation (cancel terminates
 * the thread, so handlers need not poll for it).
 */
import { threadId } from 'node:worker_threads';
import type { RasterTask, RasterTasks } from './protocol/raster-tasks';
import type { TaskCompletion, TaskEnvelope } from './protocol/task-envelope';
import { serializeTaskError } from './protocol/task-error';
import { areaStatisticsTask } from './tasks/area/area-statistics-task';
import { areaTileTask } from './tasks/area/area-tile-task';
import { spinTask } from './tasks/diagnostics/spin-task';
import { attachByteChannel } from './tasks/io/byte-channel';
import { openTaskIo, type TaskIo } from './tasks/io/task-io';
import { processTileTask } from './tasks/process/process-tile-task';
import { decodeCogTileTask } from './tasks/tiles/decode-tile-task';
import { encodeCogTileTask } from './tasks/tiles/encode-tile-task';

/** Tasks that read scene bytes over their port. */
const READS_SCENES = new Set<RasterTask['kind']>(['process-tile', 'area-tile', 'area-statistics']);

function dispatch(task: RasterTask, io: TaskIo): unknown {
  switch (task.kind) {
    case 'ping':
      return { pong: task.value, threadId } satisfies RasterTasks['ping']['result'];
    case 'spin':
      return spinTask(task, io);
    case 'process-tile':
      return processTileTask(task);
    case 'encode-cog-tile':
      return encodeCogTileTask(task);
    case 'decode-cog-tile':
      return decodeCogTileTask(task);
    case 'area-tile':
      return areaTileTask(task);
    case 'area-statistics':
      return areaStatisticsTask(task);
    default:
      throw new Error(`unknown task kind ${(task as { kind: string }).kind}`);
  }
}

export default async function runTask(envelope: TaskEnvelope<RasterTask>): Promise<TaskCompletion> {
  const io = openTaskIo(envelope.channel);
  const { task, channel } = envelope;
  // Scene bytes come over the task's own port (tasks/io/byte-channel.ts).
  const detach = channel && READS_SCENES.has(task.kind) ? attachByteChannel(channel) : null;
  try {
    return io.complete(await dispatch(task, io));
  } catch (error) {
    // Plain data, so the error's name and fields survive the thread boundary (protocol/task-error.ts).
    throw serializeTaskError(error);
  } finally {
    detach?.();
  }
}
