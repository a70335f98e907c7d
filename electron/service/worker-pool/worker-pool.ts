/**
 * A Piscina pool over one built worker entry: the raster pool (workers/raster-task.ts; processing
 * tiles, COG tile encoding) and the search-page decoder (search/search-page-worker.ts). Callers
 * run tasks through `runTask`: input buffers are transferred, progress arrives over a
 * MessagePort, results come back by transfer, and aborting the signal terminates the thread
 * running the task (Piscina removes the worker), so a task needs no cancellation checks. The same
 * port serves a task's byte reads (workers/protocol/byte-read.ts) from the caller's `readBytes`.
 */
import { existsSync } from 'node:fs';
import { MessageChannel, type TransferListItem } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { ownArrayBuffer } from '../../../workers/lib/owned-buffer';
import { isByteReadRequest, type ByteReadReply, type ByteReadRequest } from '../../../workers/protocol/byte-read';
import type { TaskChannelMessage, TaskCompletion, TaskEnvelope, TaskOf } from '../../../workers/protocol/task-envelope';
import { rebuildTaskError } from '../../../workers/protocol/task-error';
import { AppError, isAppError } from '../api/errors';

/** A pool's tasks: per kind, the task's type (whose `kind` is that key) and the result `runTask` resolves with. */
export type TaskMap<T> = { [K in keyof T]: { task: TaskOf<K & string>; result: unknown } };

export interface WorkerPoolOptions {
  /** Maximum threads (config.workerCount). */
  size: number;
  /** The built worker entry (worker-entry-file.ts). */
  filename: string;
  /** Idle threads exit after this long; threads start on demand. */
  idleTimeoutMs?: number;
}

export interface RunTaskOptions {
  /** Aborting it rejects with `signal.reason` and terminates the thread running the task. */
  signal?: AbortSignal;
  /** Buffers moved into the worker (detached here), e.g. `[red.buffer, nir.buffer]`. */
  transferList?: TransferListItem[];
  /** Called with every progress value the task reports (0..1). */
  onProgress?: (fraction: number) => void;
  /**
   * Serves the task's byte reads over its port (process-tile). The result is handed over: a
   * whole-buffer result is transferred (detached here), so it must share its memory with nobody
   * (the asset byte source's `owned` reads).
   */
  readBytes?: (request: ByteReadRequest, signal?: AbortSignal) => Promise<Uint8Array>;
}

function errorReply(id: number, error: unknown): ByteReadReply {
  return { type: 'bytes', id, error: { code: isAppError(error) ? error.code : 'upstream_error', message: error instanceof Error ? error.message : String(error) } };
}

/** A worker error rebuilt on this side; AppError-shaped ones become real AppErrors. */
function taskFailure(error: unknown): Error {
  const rebuilt = rebuildTaskError(error);
  if (isAppError(rebuilt)) return new AppError(rebuilt.code, rebuilt.message, { parameter: rebuilt.parameter });
  return rebuilt;
}

export class WorkerPool<Tasks extends TaskMap<Tasks>> {
  readonly size: number;
  readonly filename: string;
  private readonly idleTimeoutMs: number;
  private piscina: Piscina | null = null;
  private closed = false;

  constructor(options: WorkerPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size));
    this.filename = options.filename;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** Runs one task on a pool thread; resolves with its result (buffers transferred, not copied). */
  async runTask<T extends Tasks[keyof Tasks]['task']>(task: T, options: RunTaskOptions = {}): Promise<Tasks[T['kind'] & keyof Tasks]['result']> {
    const { signal, transferList = [], onProgress, readBytes } = options;
    signal?.throwIfAborted();
    const piscina = this.open();
    const { port1, port2 } = new MessageChannel();
    let deliver!: (value: unknown) => void;
    const channelled = new Promise<unknown>((resolve) => { deliver = resolve; });
    port1.on('message', (message: TaskChannelMessage | ByteReadRequest) => {
      if (isByteReadRequest(message)) {
        const answer = readBytes ? readBytes(message, signal) : Promise.reject(new Error('this task was not given a byte reader'));
        answer.then(
          // Moved when the reader's result is a whole buffer (it gave it up), else copied.
          (bytes) => { const data = ownArrayBuffer(bytes); port1.postMessage({ type: 'bytes', id: message.id, data } satisfies ByteReadReply, [data]); },
          (error: unknown) => port1.postMessage(errorReply(message.id, error)),
        );
      } else if (message.type === 'progress') onProgress?.(message.fraction);
      else if (message.type === 'result') deliver(message.value);
    });
    try {
      const envelope: TaskEnvelope<T> = { task, channel: port2 };
      const completion = (await piscina.run(envelope, { signal, transferList: [port2, ...transferList] })) as TaskCompletion;
      const value = completion.channelled ? await channelled : completion.value;
      return value as Tasks[T['kind'] & keyof Tasks]['result'];
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw taskFailure(error);
    } finally {
      port1.close();
    }
  }

  /**
   * Starts a thread with `task` (a no-op such as `ping`) when none is running, for a task that is
   * about to come (a job being planned): that task then finds the thread up instead of waiting for
   * its start-up (the worker bundle loaded and compiled, a few hundred ms). Failures are ignored:
   * the real task would meet them again and report them.
   */
  warm(task: Tasks[keyof Tasks]['task']): void {
    if (this.closed || (this.piscina && this.piscina.threads.length > 0)) return;
    this.runTask(task).catch(() => {});
  }

  /** Thread ids of the live pool threads (diagnostics and tests: a cancelled task's thread is gone). */
  get threadIds(): number[] {
    return this.piscina ? this.piscina.threads.map((thread) => thread.threadId) : [];
  }

  /** Terminates every thread; pending tasks reject. Called on service shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    const piscina = this.piscina;
    this.piscina = null;
    if (piscina) await piscina.destroy();
  }

  private open(): Piscina {
    if (this.closed) throw new AppError('service_unavailable', 'the worker pool is shut down');
    if (this.piscina) return this.piscina;
    if (!existsSync(this.filename)) {
      throw new Error(`worker entry not found at ${this.filename}; build it with \`npm run build\``);
    }
    this.piscina = new Piscina({
      filename: this.filename,
      minThreads: 0,
      maxThreads: this.size,
      idleTimeout: this.idleTimeoutMs,
      // Piscina's default ('sync') blocks an idle thread in Atomics.wait, which stops its event
      // loop: its timers never fire, so a worker could not give back its decoded tiles when idle
      // (workers/tasks/cog/decoded-tiles.ts). Messages cost microseconds; tasks take milliseconds.
      atomics: 'disabled',
    });
    return this.piscina;
  }
}
