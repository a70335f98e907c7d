/**
 * DEFLATE tiles decoded with Node's zlib instead of geotiff.js's default (pako). Measured on the
 * 512 × 512 uint16 tiles of the real 29RKH B08 COG on this project's shared 2-core machine
 * (test/unit/processing/deflate-decoders.test.ts prints it on every run): zlib 1.2–2.1 ms per
 * tile, pako 4.8–7.1 ms; through geotiff.js readRasters a whole 512 × 512 window took 21.6–33.5 ms
 * with zlib against 44.8–71.2 ms with pako. So every worker registers this decoder, once. It
 * inflates asynchronously (inflateBlockAsync): off the worker's thread, on libuv's pool.
 */
import { inflate, inflateSync } from 'node:zlib';
import type { BaseDecoder } from 'geotiff';
import { ownArrayBuffer } from '../../lib/owned-buffer';
import { geotiffModule } from './geotiff-module';

/** TIFF Compression tag values for DEFLATE: 8 (Adobe) and 32946 (old-style). */
export const DEFLATE_COMPRESSIONS = [8, 32946] as const;

/**
 * zlib.inflateSync of one block, as an ArrayBuffer geotiff.js can apply predictors to. With the
 * decoded size known, zlib writes into one buffer a little larger than that (so it never needs a
 * second one) instead of 16 KiB chunks concatenated at the end: a third of the allocations, and
 * far fewer garbage collections, which ArrayBuffer churn is what triggers. The buffer's extra
 * 8–15 bytes keep its length a multiple of 8 (any typed array fits) and are never read: readers
 * index by pixel.
 */
export function inflateBlock(buffer: ArrayBufferLike | Uint8Array, expectedBytes?: number): ArrayBuffer {
  const input = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (!expectedBytes || expectedBytes <= 0) return ownArrayBuffer(inflateSync(input));
  const chunkSize = outputChunkSize(expectedBytes);
  return blockBuffer(inflateSync(input, { chunkSize }), chunkSize);
}

/**
 * inflateBlock on libuv's thread pool (zlib's asynchronous inflate), same output: this thread goes
 * on with other work (warping and reducing what is already decoded) while the block inflates on
 * another core. geotiff.js awaits a decoder's decodeBlock, so the decoder returns this.
 */
export function inflateBlockAsync(buffer: ArrayBufferLike | Uint8Array, expectedBytes: number): Promise<ArrayBuffer> {
  const input = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const chunkSize = outputChunkSize(expectedBytes);
  return new Promise((resolve, reject) => {
    inflate(input, { chunkSize }, (error, out) => (error ? reject(error) : resolve(blockBuffer(out, chunkSize))));
  });
}

/** zlib's output buffer for a block of `expectedBytes`: one buffer, a multiple of 8, never full. */
function outputChunkSize(expectedBytes: number): number {
  return Math.ceil(expectedBytes / 8) * 8 + 8;
}

/** zlib's one output buffer whole (with its unread tail), or a copy when the output took several. */
function blockBuffer(out: Buffer, chunkSize: number): ArrayBuffer {
  if (out.byteOffset === 0 && out.buffer instanceof ArrayBuffer && out.buffer.byteLength === chunkSize) return out.buffer;
  return ownArrayBuffer(out);
}

interface DecoderParameters {
  tileWidth: number;
  tileHeight: number;
  planarConfiguration: number;
  bitsPerSample: number | ArrayLike<number>;
}

/** Bytes of one decoded block (tile or strip) for geotiff.js decoder parameters. */
export function decodedBlockBytes(p: DecoderParameters): number {
  const bits = typeof p.bitsPerSample === 'number' ? [p.bitsPerSample] : Array.from(p.bitsPerSample);
  const bitsPerPixel = p.planarConfiguration === 2 ? bits[0] : bits.reduce((sum, b) => sum + b, 0);
  return Math.ceil((p.tileWidth * p.tileHeight * bitsPerPixel) / 8);
}

let installed: Promise<void> | undefined;

/** Makes geotiff.js decode DEFLATE with zlib in this thread (idempotent). */
export function useZlibForDeflate(): Promise<void> {
  installed ??= geotiffModule().then(({ addDecoder, BaseDecoder: Base }) => {
    class ZlibDeflateDecoder extends Base {
      override decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBuffer> {
        return inflateBlockAsync(buffer, decodedBlockBytes(this.parameters));
      }
    }
    // preferWorker=false: we already are the worker; geotiff.js must not start its own.
    addDecoder([...DEFLATE_COMPRESSIONS], async () => ZlibDeflateDecoder as unknown as typeof BaseDecoder, undefined, false);
  });
  return installed;
}
