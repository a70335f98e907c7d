/**
 * TIFF predictors, applied before deflate so that smooth rasters compress well.
 * Both work row by row on one band (PlanarConfiguration=2, or a single band), so the sample
 * stride is 1.
 *
 * - Predictor 2 (TIFF 6.0 §14, horizontal differencing): each sample minus its left neighbour,
 *   in the sample's own integer type (wrapping).
 * - Predictor 3 (Adobe TIFF Technote 3, floating point): the row's float bytes are regrouped into
 *   byte planes, most significant byte first, and then every byte minus its left neighbour
 *   across the whole regrouped row. Readers (libtiff `fpAcc`, geotiff.js `decodeRowFloatingPoint`)
 *   undo the differencing, then the regrouping.
 */
import { HOST_IS_LITTLE_ENDIAN, type CogSamples } from './sample-types';

/** In place: each row of `samples` (`width` wide) becomes left-neighbour differences. */
export function applyHorizontalDifferencing(samples: Uint8Array | Int16Array | Uint16Array, width: number): void {
  for (let rowStart = 0; rowStart < samples.length; rowStart += width) {
    for (let i = rowStart + width - 1; i > rowStart; i--) {
      // Typed-array stores wrap modulo 2^bits, which is exactly the TIFF rule.
      samples[i] = samples[i] - samples[i - 1];
    }
  }
}

const HIGH_BITS = 0x80808080;

/** a − b in each of the four byte lanes independently (mod 256, no borrow between lanes). */
function subtractBytewise(a: number, b: number): number {
  return ((a | HIGH_BITS) - (b & ~HIGH_BITS)) ^ ((a ^ ~b) & HIGH_BITS);
}

/**
 * Returns a new byte array: `samples` rows regrouped into byte planes and differenced.
 * Done in one pass: within a plane, byte i minus byte i−1 is the same lane of sample i minus
 * sample i−1, so four differences come from one 32-bit SWAR subtraction. Only the first byte of
 * each plane differs: it is the plane's first byte minus the last byte of the plane before, which
 * is the same SWAR subtraction against the row's last sample shifted down one lane.
 * Rows whose width is a multiple of 4 (every COG tile) are written four bytes of a plane per
 * 32-bit store on little-endian hosts; other shapes byte by byte, with identical output.
 */
export function applyFloatingPointPredictor(samples: Float32Array, width: number, into?: Uint8Array): Uint8Array {
  // A float's bit pattern read as a uint32 is the same on any host, so no byte-order cases.
  const bits = new Uint32Array(samples.buffer, samples.byteOffset, samples.length);
  const reusable = into && into.byteLength === samples.byteLength && into.byteOffset === 0 && into.byteLength === into.buffer.byteLength;
  const out = reusable ? into : new Uint8Array(samples.byteLength);
  if (width % 4 === 0 && HOST_IS_LITTLE_ENDIAN) predictRowsWordwise(bits, width, new Uint32Array(out.buffer));
  else predictRowsBytewise(bits, width, out);
  return out;
}

function predictRowsBytewise(bits: Uint32Array, width: number, out: Uint8Array): void {
  const w2 = 2 * width;
  const w3 = 3 * width;
  for (let row = 0, sample = 0; row < out.length; row += 4 * width, sample += width) {
    let previous = bits[sample + width - 1] >>> 8;
    for (let i = 0; i < width; i++) {
      const current = bits[sample + i];
      const d = subtractBytewise(current, previous);
      // Uint8Array stores keep the low 8 bits, so each shift lands one lane.
      out[row + i] = d >>> 24;
      out[row + width + i] = d >>> 16;
      out[row + w2 + i] = d >>> 8;
      out[row + w3 + i] = d;
      previous = current;
    }
  }
}

/** Same bytes as predictRowsBytewise; `width` % 4 === 0, little-endian words. */
function predictRowsWordwise(bits: Uint32Array, width: number, out: Uint32Array): void {
  const quarter = width >>> 2;
  for (let sample = 0, word = 0; sample < bits.length; sample += width, word += width) {
    let previous = bits[sample + width - 1] >>> 8;
    for (let i = 0, w = word; i < width; i += 4, w++) {
      const s0 = bits[sample + i];
      const s1 = bits[sample + i + 1];
      const s2 = bits[sample + i + 2];
      const s3 = bits[sample + i + 3];
      const d0 = subtractBytewise(s0, previous);
      const d1 = subtractBytewise(s1, s0);
      const d2 = subtractBytewise(s2, s1);
      const d3 = subtractBytewise(s3, s2);
      previous = s3;
      // Plane p holds lane 3 − p of each difference; byte k of a little-endian word is sample i + k.
      out[w] = (d0 >>> 24) | ((d1 >>> 24) << 8) | ((d2 >>> 24) << 16) | ((d3 >>> 24) << 24);
      out[w + quarter] = ((d0 >>> 16) & 0xff) | (((d1 >>> 16) & 0xff) << 8) | (((d2 >>> 16) & 0xff) << 16) | ((d3 >>> 16) << 24);
      out[w + 2 * quarter] = ((d0 >>> 8) & 0xff) | (((d1 >>> 8) & 0xff) << 8) | (((d2 >>> 8) & 0xff) << 16) | ((d3 >>> 8) << 24);
      out[w + 3 * quarter] = (d0 & 0xff) | ((d1 & 0xff) << 8) | ((d2 & 0xff) << 16) | (d3 << 24);
    }
  }
}

/**
 * The bytes that go into deflate for one tile: a predicted copy, `samples` itself is untouched.
 * Float32 uses predictor 3, the integer types predictor 2. A float32 tile is written into `into`
 * when it is a whole buffer of the right size (a caller's reused scratch), else into a new array.
 */
export function predictTile(samples: CogSamples, width: number, into?: Uint8Array): Uint8Array {
  if (samples.length % width !== 0) {
    throw new RangeError(`tile of ${samples.length} samples is not a whole number of ${width}-wide rows`);
  }
  if (samples instanceof Float32Array) return applyFloatingPointPredictor(samples, width, into);
  const copy = samples.slice();
  applyHorizontalDifferencing(copy, width);
  if (!HOST_IS_LITTLE_ENDIAN && copy.BYTES_PER_ELEMENT > 1) {
    throw new Error('big-endian hosts are not supported by the COG tile encoder');
  }
  return new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
}
