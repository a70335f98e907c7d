/**
 * One DEFLATE-compressed COG block inflated into a buffer of its own. With the decoded size known, zlib writes into one buffer a little larger than that
 * (so it never needs a second one) instead of 16 KiB chunks concatenated at the end: a third of
 * the allocations, and far fewer garbage collections, which ArrayBuffer churn is what triggers.
 * The buffer's extra 8–15 bytes keep its length a multiple of 8 (any typed array fits) and are
 * never read: readers index by pixel.
 */
import { inflateSync } from 'node:zlib';
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

