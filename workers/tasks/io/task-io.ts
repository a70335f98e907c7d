/**
 * The worker side of a task's channel (workers/protocol/task-envelope.ts): progress reports, and
 * the result sent over the port with its buffers transferred. Runs in worker threads only.
 */
import type { MessagePort, TransferListItem } from 'node:worker_threads';
import type { TaskChannelMessage, TaskCompletion } from '../../protocol/task-envelope';

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

/** Progress reporting and result delivery for one envelope. */
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
