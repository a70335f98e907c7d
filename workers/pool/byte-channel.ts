/**
 * Reads of the service's COG byte proxy over a task's MessagePort instead of HTTP. A process-tile
 * task reads ~0.9 MB per output tile; over loopback HTTP each byte is copied into and out of the
 * kernel and through fastify and undici on both threads, while over the port the main thread
 * reads the same byte cache (cog-byte-cache.ts, so offline works the same) and transfers one
 * ArrayBuffer. URLs, ranges and errors are those of the HTTP proxy, so callers cannot tell.
 *
 * Runs in both the main thread (the message types) and workers (the reader). A thread runs one
 * task at a time (the pool's default concurrency), so one channel is attached at a time.
 */
import type { MessagePort } from 'node:worker_threads';

export interface ByteReadRequest {
  type: 'read-bytes';
  id: number;
  /** A `/api/v1/scenes/{id}/assets/{band}/cog` URL of this service. */
  url: string;
  offset: number;
  length: number;
}

export type ByteReadReply =
  | { type: 'bytes'; id: number; data: ArrayBuffer }
  | { type: 'bytes'; id: number; error: { code: string; message: string } };

export function isByteReadRequest(message: unknown): message is ByteReadRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'read-bytes';
}

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
  // The reader (range-source.ts) turns it into its AppError-shaped error, naming the range.
  else waiter.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
}

/**
 * Routes this thread's proxy reads over `channel` until the returned detach runs (at the end of
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

/** The bytes over the attached channel, or null when none is attached (read over HTTP then). */
export function readOverChannel(url: string, offset: number, length: number): Promise<ArrayBuffer> | null {
  if (!port) return null;
  const id = nextId++;
  const request: ByteReadRequest = { type: 'read-bytes', id, url, offset, length };
  const reply = new Promise<ArrayBuffer>((resolve, reject) => pending.set(id, { resolve, reject }));
  port.postMessage(request);
  return reply;
}
