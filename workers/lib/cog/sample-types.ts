/**
 * The pixel types the COG writer can store, and what each one means in TIFF terms.
 * Shared by the tile encoder (worker side) and the writer (service side).
 */

export type CogDataType = 'float32' | 'uint8' | 'int16' | 'uint16';

/** One band of one tile, row-major. */
export type CogSamples = Float32Array | Uint8Array | Int16Array | Uint16Array;

export interface SampleType {
  readonly dataType: CogDataType;
  readonly bytesPerSample: 1 | 2 | 4;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
  readonly sampleFormat: 1 | 2 | 3;
  /** TIFF Predictor: 2 horizontal differencing (integers), 3 floating point. */
  readonly predictor: 2 | 3;
  readonly isFloat: boolean;
  readonly min: number;
  readonly max: number;
  create(length: number): CogSamples;
}

export const SAMPLE_TYPES: Readonly<Record<CogDataType, SampleType>> = {
  float32: {
    dataType: 'float32', bytesPerSample: 4, sampleFormat: 3, predictor: 3, isFloat: true,
    min: -3.4028234663852886e38, max: 3.4028234663852886e38,
    create: (length) => new Float32Array(length),
  },
  uint8: {
    dataType: 'uint8', bytesPerSample: 1, sampleFormat: 1, predictor: 2, isFloat: false,
    min: 0, max: 255,
    create: (length) => new Uint8Array(length),
  },
  int16: {
    dataType: 'int16', bytesPerSample: 2, sampleFormat: 2, predictor: 2, isFloat: false,
    min: -32768, max: 32767,
    create: (length) => new Int16Array(length),
  },
  uint16: {
    dataType: 'uint16', bytesPerSample: 2, sampleFormat: 1, predictor: 2, isFloat: false,
    min: 0, max: 65535,
    create: (length) => new Uint16Array(length),
  },
};

export function dataTypeOf(samples: CogSamples): CogDataType {
  if (samples instanceof Float32Array) return 'float32';
  if (samples instanceof Uint8Array) return 'uint8';
  if (samples instanceof Int16Array) return 'int16';
  if (samples instanceof Uint16Array) return 'uint16';
  throw new TypeError('samples must be a Float32Array, Uint8Array, Int16Array or Uint16Array');
}

/** Rounding for integer outputs, as GDAL rounds averages: 1.5 → 2, −1.5 → −2. */
export function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/**
 * TIFF stores our samples little-endian and the encoder reinterprets typed arrays as bytes,
 * so a big-endian host would write corrupt files. Every supported Node platform is LE.
 */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
