/**
 * Piscina worker entry (built to out/main/raster-task.js). Each task is plain data plus
 * transferable buffers; the pure math lives in workers/lib/. Two pools load it: the jobs' raster
 * pool and the search-page decoder (`decode-search-page`), so the packaged app unpacks one file.
 *
 * Adding a task: add its input type to RasterTask, its output to RasterTaskResults, and a case to
 * `dispatch`. A handler returns its result, or `withTransfer(result, [buffers])` to move output
 * arrays instead of copying them; it reports progress through `io.progress(0..1)`. Callers use
 * the service's WorkerPool.runTask (electron/service/jobs/worker-pool.ts), which wraps the task in
 * a TaskEnvelope and handles progress, transfer and cancellation (cancel terminates the thread,
 * so handlers need not poll for it).
 */
import { threadId } from 'node:worker_threads';
import type { DecodedSearchPage } from '../electron/service/sources/http/search-page';
import { attachByteChannel } from './pool/byte-channel';
import { spinTask, type SpinResult, type SpinTask } from './pool/spin-task';
import { openTaskIo, type TaskCompletion, type TaskEnvelope, type TaskIo } from './pool/task-channel';
import { serializeTaskError } from './pool/task-error';
import { processTileTask, type ProcessTileResult, type ProcessTileTask } from './tasks/process/process-tile-task';
import { decodeSearchPageTask, type DecodeSearchPageTask } from './tasks/search/decode-search-page-task';
import { decodeCogTileTask, type DecodeCogTileTask } from './tasks/tiles/decode-tile-task';
import { encodeCogTileTask, type EncodeCogTileTask } from './tasks/tiles/encode-tile-task';

export interface PingTask {
  kind: 'ping';
  value: number;
}

export type RasterTask = PingTask | SpinTask | ProcessTileTask | EncodeCogTileTask | DecodeCogTileTask | DecodeSearchPageTask;

/** The result type of each task kind, as WorkerPool.runTask resolves it. */
export interface RasterTaskResults {
  ping: { pong: number; threadId: number };
  spin: SpinResult;
  'process-tile': ProcessTileResult;
  'encode-cog-tile': Uint8Array;
  'decode-cog-tile': Float32Array[];
  'decode-search-page': DecodedSearchPage;
}

function dispatch(task: RasterTask, io: TaskIo): unknown {
  switch (task.kind) {
    case 'ping':
      return { pong: task.value, threadId } satisfies RasterTaskResults['ping'];
    case 'spin':
      return spinTask(task, io);
    case 'process-tile':
      return processTileTask(task);
    case 'encode-cog-tile':
      return encodeCogTileTask(task);
    case 'decode-cog-tile':
      return decodeCogTileTask(task);
    case 'decode-search-page':
      return decodeSearchPageTask(task);
    default:
      throw new Error(`unknown task kind ${(task as { kind: string }).kind}`);
  }
}

export default async function runTask(envelope: TaskEnvelope<RasterTask>): Promise<TaskCompletion> {
  const io = openTaskIo(envelope.channel);
  const { task, channel } = envelope;
  const detach = channel && task.kind === 'process-tile' && task.bytesOverChannel ? attachByteChannel(channel) : null;
  try {
    return io.complete(await dispatch(task, io));
  } catch (error) {
    // Plain data, so the error's name and fields survive the thread boundary (see task-error.ts).
    throw serializeTaskError(error);
  } finally {
    detach?.();
  }
}
