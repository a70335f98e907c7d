/**
 * A processing job's tile blocks: one band of one tile, TIFF predictor (./predictor.ts) then
 * zlib, as the result's full-resolution and overview blocks are written — in a worker
 * (`encodeTileBytes`, the `encode-cog-tile` and `process-tile` tasks) or, for bytes a worker
 * already predicted, on the calling thread's libuv pool (`deflatePredicted`).
 *
 * Deflate runs with zlib's run-length strategy (Z_RLE) by default: on float32 rasters after the
 * floating-point predictor, LZ77 string matching finds almost nothing that RLE does not, so the
 * output is the same size while encoding takes half the time or less. On a real 29RKH NDVI tile
 * (test/unit/processing/tile-encoding.test.ts prints it on every run): Z_RLE 10.4–13.6 ms → 70.7 %
 * of raw, level 6 21.7–25.4 ms → 70.6 %; on the noisier benchmark scene 8.1 ms against 26.5 ms at
 * the same 73.6 %. The stream is ordinary DEFLATE; any reader decodes it.
 */
import { constants, deflate, deflateSync } from 'node:zlib';
import { ownArrayBuffer } from '../owned-buffer';
import { DEFAULT_DEFLATE_LEVEL, type EncodeTileTask } from './encode-tile';
import { predictTile } from './predictor';

export type DeflateStrategy = 'rle' | 'default';

/**
 * This thread's predictor output, reused tile after tile: it only lives until deflateSync has
 * read it, and a fresh megabyte per tile is the ArrayBuffer churn that drives full collections.
 */
let predictScratch = new Uint8Array(0);

function deflateOptions(length: number, level: number | undefined, strategy: DeflateStrategy) {
  return {
    level: level ?? DEFAULT_DEFLATE_LEVEL,
    strategy: strategy === 'rle' ? constants.Z_RLE : constants.Z_DEFAULT_STRATEGY,
    // One output buffer big enough for incompressible input (zlib's bound: n + n/1000 + a few bytes
    // per block), rather than 16 KiB chunks concatenated: fewer allocations, fewer GCs.
    chunkSize: length + (length >> 8) + 1024,
  };
}

/**
 * A view on the start of a buffer zlib allocated for this call alone (never pooled at this size),
 * so it may be transferred as is; a small result is copied rather than pin a big buffer.
 */
function transferableResult(out: Buffer): Uint8Array {
  if (out.byteOffset === 0 && out.byteLength * 2 > out.buffer.byteLength) return new Uint8Array(out.buffer, 0, out.byteLength);
  return new Uint8Array(ownArrayBuffer(out));
}

export function encodeTileBytes(tile: EncodeTileTask, strategy: DeflateStrategy = 'rle'): Uint8Array {
  if (tile.samples instanceof Float32Array && predictScratch.byteLength !== tile.samples.byteLength) predictScratch = new Uint8Array(tile.samples.byteLength);
  const predicted = predictTile(tile.samples, tile.width, predictScratch);
  return transferableResult(deflateSync(predicted, deflateOptions(predicted.length, tile.compressionLevel, strategy)));
}

/**
 * The deflate half of encodeTileBytes for bytes already predicted, on libuv's thread pool: the
 * same bytes, but the calling thread is free meanwhile. The main thread uses it when the worker
 * pool leaves a core idle (electron/service/processing/engine/tile-pipeline.ts).
 */
export function deflatePredicted(predicted: Uint8Array, level: number | undefined, strategy: DeflateStrategy = 'rle'): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    deflate(predicted, deflateOptions(predicted.length, level, strategy), (error, out) => (error ? reject(error) : resolve(transferableResult(out))));
  });
}
