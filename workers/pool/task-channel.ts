/**
 * The wire between the service's WorkerPool and a task running in a Piscina thread.
 *
 * The pool wraps every task in a TaskEnvelope with a MessagePort (`channel`, transferred). The
 * worker reports progress on it and sends its result on it too, so that result buffers are
 * transferred rather than copied: Piscina only transfers results wrapped by its own `move()`,
 * which would tie the worker file to piscina's module instance (and to node_modules, which the
 * packaged app keeps inside app.asar while this file lives in app.asar.unpacked).
 *
 * Runs in both the main thread and workers: plain Node, no service imports.
 */
import type { MessagePort, TransferListItem } from 'node:worker_threads';

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

const TRANSFER = Symbol('transfer-output');

/** A task result whose buffers are moved to the caller instead of copied. */
export interface TransferOutput<V> {
  readonly [TRANSFER]: true;
  readonly value: V;
  readonly transferList: readonly TransferListItem[];
}

/** Marks `value` to be returned with `transferList` moved (typically each output array's `.buffer`). */
export function withTransfer<V>(value: V, transferList: readonly TransferListItem[]): TransferOutput<V> {
  return { [TRANSFER]: true, value, transferList };
}

function isTransferOutput(value: unknown): value is TransferOutput<unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TRANSFER] === true;
}

/** What a task handler gets besides its input. */
export interface TaskIo {
  /** 0..1; cheap to call often — the caller receives every value. */
  progress(fraction: number): void;
}

/** Worker side: progress reporting and result delivery for one envelope. */
export function openTaskIo(channel: MessagePort | undefined): TaskIo & { complete(output: unknown): TaskCompletion } {
  return {
    progress(fraction) {
      channel?.postMessage({ type: 'progress', fraction } satisfies TaskChannelMessage);
    },
    complete(output) {
      const value = isTransferOutput(output) ? output.value : output;
      if (!channel) return { channelled: false, value };
      const transferList = isTransferOutput(output) ? [...output.transferList] : [];
      channel.postMessage({ type: 'result', value } satisfies TaskChannelMessage, transferList);
      // The caller closes its end once the result arrived; closing here could race the message.
      return { channelled: true };
    },
  };
}
