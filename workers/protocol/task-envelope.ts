/**
 * The wire between the service's WorkerPool and a task running in a Piscina thread.
 *
 * The pool wraps every task in a TaskEnvelope with a MessagePort (`channel`, transferred). The
 * worker reports progress on it and sends its result on it too, so that result buffers are
 * transferred rather than copied: Piscina only transfers results wrapped by its own `move()`,
 * which would tie the worker file to piscina's module instance (and to node_modules, which the
 * packaged app keeps inside app.asar while the worker entries live in app.asar.unpacked).
 * The same port carries a task's byte reads (./byte-read.ts). Types only.
 */
import type { MessagePort } from 'node:worker_threads';

export interface TaskEnvelope<T = unknown> {
  task: T;
  /** Present when the task was started by the WorkerPool; absent for a bare `piscina.run`. */
  channel?: MessagePort;
}

export type TaskChannelMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; value: unknown };

/** What the worker returns to Piscina: the result itself, or a note that it went over the channel. */
export type TaskCompletion = { channelled: true } | { channelled: false; value: unknown };

/** Every task names its kind; a pool's task map gives each kind its result type. */
export interface TaskOf<K extends string = string> {
  kind: K;
}
