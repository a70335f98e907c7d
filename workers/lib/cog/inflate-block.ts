/**
 * One DEFLATE-compressed COG block inflated into a buffer of its own — synchronously in the
 * thread decoding it, or on the calling thread's libuv pool for a worker that hands its blocks
 * back (workers/tasks/io/byte-channel.ts: the cores the pool leaves idle inflate while the worker
 * computes). With the decoded size known, zlib writes into one buffer a little larger than that
 * (so it never needs a second one) instead of 16 KiB chunks concatenated at the end: a third of
 * the allocations, and far fewer garbage collections, which ArrayBuffer churn is what triggers.
 * The buffer's extra 8–15 bytes keep its length a multiple of 8 (any typed array fits) and are
 * never read: readers index by pixel.
 */
import { inflate, inflateSync } from 'node:zlib';
import { ownArrayBuffer } from '../owned-buffer';

function chunkSizeFor(expectedBytes: number): number {
  return Math.ceil(expectedBytes / 8) * 8 + 8;
}

function owned(out: Buffer, chunkSize: number | undefined): ArrayBuffer {
  if (chunkSize && out.byteOffset === 0 && out.buffer instanceof ArrayBuffer && out.buffer.byteLength === chunkSize) return out.buffer;
  return ownArrayBuffer(out);
}

export function inflateBlock(buffer: ArrayBufferLike | Uint8Array, expectedBytes?: number): ArrayBuffer {
  const input = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (!expectedBytes || expectedBytes <= 0) return ownArrayBuffer(inflateSync(input));
  const chunkSize = chunkSizeFor(expectedBytes);
  return owned(inflateSync(input, { chunkSize }), chunkSize);
}

export function inflateBlockAsync(buffer: ArrayBuffer, expectedBytes: number): Promise<ArrayBuffer> {
  // One chunk: async zlib otherwise crosses to this thread's event loop every 16 KiB.
  const chunkSize = expectedBytes > 0 ? chunkSizeFor(expectedBytes) : undefined;
  return new Promise((resolve, reject) => {
    inflate(new Uint8Array(buffer), chunkSize ? { chunkSize } : {}, (error, out) => (error ? reject(error) : resolve(owned(out, chunkSize))));
  });
}
