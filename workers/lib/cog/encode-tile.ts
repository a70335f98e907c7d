/**
 * Encodes one band of one tile as a TIFF DEFLATE (Compression=8) block with the predictor that
 * suits its type. Pure: plain data in, bytes out; safe to run in a Piscina worker (the input is
 * structured-cloneable and `samples.buffer` may be transferred).
 */
import { deflate, deflateSync } from 'node:zlib';
import { ownedBytes } from '../owned-buffer';
import { predictTile } from './predictor';
import { dataTypeOf, type CogDataType, type CogSamples } from './sample-types';

export const DEFAULT_DEFLATE_LEVEL = 6;

export interface EncodeTileInput {
  /** tileSize × tileSize samples of one band, row-major, already padded at raster edges. */
  samples: CogSamples;
  /** Tile width in pixels (the row length the predictor works on). */
  width: number;
  /** zlib level 0–9; default 6. */
  compressionLevel?: number;
}

/** Where a tile belongs; passed to a custom encode hook for logging or scheduling, not needed to encode. */
export interface TileAddress {
  level: number;
  tx: number;
  ty: number;
  band: number;
}

export type EncodeTileTask = EncodeTileInput & TileAddress & { dataType: CogDataType };

function checkInput(input: EncodeTileInput): void {
  const { samples, width } = input;
  dataTypeOf(samples);
  if (!Number.isInteger(width) || width <= 0 || samples.length % width !== 0) {
    throw new RangeError(`tile width ${width} does not divide ${samples.length} samples`);
  }
}

/**
 * Predictor + zlib deflate, synchronously. The zlib stream (RFC 1950) is what TIFF
 * Compression = 8 means. The result owns its ArrayBuffer, so it can be transferred.
 */
export function encodeTile(input: EncodeTileInput): Uint8Array {
  checkInput(input);
  const predicted = predictTile(input.samples, input.width);
  return ownedBytes(deflateSync(predicted, { level: input.compressionLevel ?? DEFAULT_DEFLATE_LEVEL }));
}

/**
 * Same bytes as {@link encodeTile}, but deflate runs on libuv's thread pool, so an in-process
 * writer still uses more than one core without worker threads.
 */
export function encodeTileAsync(input: EncodeTileInput): Promise<Uint8Array> {
  try {
    checkInput(input);
  } catch (err) {
    return Promise.reject(err);
  }
  const predicted = predictTile(input.samples, input.width);
  return new Promise((resolve, reject) => {
    deflate(predicted, { level: input.compressionLevel ?? DEFAULT_DEFLATE_LEVEL }, (err, out) => {
      if (err) reject(err);
      else resolve(ownedBytes(out));
    });
  });
}
