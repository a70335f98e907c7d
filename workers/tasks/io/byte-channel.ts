/**
 * The worker side of byte reads over a task's MessagePort (workers/protocol/byte-read.ts): a
 * process-tile task asks for ranges of a scene's assets, the main thread answers from the
 * service's asset byte source (COG byte cache first, upstream behind it, cache only offline) with
 * one transferred ArrayBuffer. This is the workers' only way to bytes: they never fetch.
 *
 * A thread runs one task at a time (the pool's default concurrency), so one channel is attached
 * at a time.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ByteReadReply, ByteReadRequest } from '../../protocol/byte-read';

interface Pending {
  resolve: (data: ArrayBuffer) => void;
  reject: (error: Error) => void;
}

let port: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function onReply(message: ByteReadReply): void {
  if (message?.type !== 'bytes') return;
  const waiter = pending.get(message.id);
  if (!waiter) return;
  pending.delete(message.id);
  if ('data' in message) waiter.resolve(message.data);
  // The reader turns it into an AppError-shaped error naming the range (open-cogs.ts).
  else waiter.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
}

/**
 * Routes this thread's byte reads over `channel` until the returned detach runs (at the end of
 * the task); reads still waiting then fail, so nothing waits on a closed port.
 */
export function attachByteChannel(channel: MessagePort): () => void {
  port = channel;
  channel.on('message', onReply);
  return () => {
    channel.off('message', onReply);
    if (port === channel) port = null;
    for (const [id, waiter] of pending) {
      pending.delete(id);
      waiter.reject(new Error('the task that asked for these bytes has ended'));
    }
  };
}

/** Bytes `offset`..`offset + length` of `asset` of `scene`, over the attached channel. */
export function readOverChannel(scene: string, asset: string, offset: number, length: number): Promise<ArrayBuffer> {
  if (!port) return Promise.reject(new Error(`no byte channel is attached to read ${asset} of ${scene}: only tasks started with a byte reader read scene bytes`));
  const id = nextId++;
  const request: ByteReadRequest = { type: 'read-bytes', id, scene, asset, offset, length };
  const reply = new Promise<ArrayBuffer>((resolve, reject) => pending.set(id, { resolve, reject }));
  port.postMessage(request);
  return reply;
}
