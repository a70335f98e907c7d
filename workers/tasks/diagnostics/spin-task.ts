/**
 * `spin`: a diagnostic task that burns CPU in fixed-length chunks, reporting progress after each.
 * It never yields and never checks for cancellation, so the only thing that can stop it is the
 * pool terminating its thread — which is exactly what the pool's cancellation tests measure.
 * Optionally it doubles an input array into a new one (returned by transfer) and writes a
 * heartbeat into a SharedArrayBuffer that the caller can watch from its own thread.
 */
import { threadId } from 'node:worker_threads';
import type { SpinResult, SpinTask } from '../../protocol/raster-tasks';
import { withTransfer, type TaskIo, type TransferOutput } from '../io/task-io';

function burn(ms: number, seed: number): number {
  const end = performance.now() + ms;
  let acc = seed;
  let i = 0;
  while (performance.now() < end) {
    for (let k = 0; k < 1000; k += 1) acc = (acc + Math.sqrt(i++ + k)) % 1e9;
  }
  return acc;
}

export function spinTask(task: SpinTask, io: TaskIo): TransferOutput<SpinResult> {
  if (task.heartbeat) Atomics.store(task.heartbeat, 1, threadId);
  let checksum = 0;
  for (let chunk = 0; chunk < task.chunks; chunk += 1) {
    if (task.failAfter !== undefined && chunk === task.failAfter) {
      throw Object.assign(new RangeError(`spin failed on purpose after ${chunk} chunks`), { chunk });
    }
    checksum = burn(task.chunkMs, checksum);
    if (task.heartbeat) Atomics.store(task.heartbeat, 0, chunk + 1);
    io.progress((chunk + 1) / task.chunks);
  }
  const doubled = task.data ? task.data.map((v) => v * 2) : null;
  return withTransfer({ chunks: task.chunks, threadId, checksum, doubled }, doubled ? [doubled.buffer] : []);
}
