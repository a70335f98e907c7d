/**
 * Cloud/quality masks as Uint8Array (1 = invalid, 0 = usable), and applying them as NaN.
 * providers.md §5.3–5.4: Sentinel-2 SCL classes and Landsat C2 QA_PIXEL bits.
 */
import type { GridSize, NumericArray } from './raster-types';
import { nearestIndexTable } from './resample';

/** SCL 0 no data, 1 saturated/defective, 3 cloud shadow, 8/9 cloud medium/high, 10 thin cirrus. */
export const DEFAULT_SCL_INVALID_CLASSES: readonly number[] = [0, 1, 3, 8, 9, 10];

/**
 * Invalid-pixel mask on the band grid from the SCL raster on its own (usually coarser, 20 m) grid
 * covering the same extent, sampled NEAREST by pixel centre — classes must never be interpolated.
 * A non-integer class value (e.g. NaN after a warp) counts as invalid.
 */
export function sclInvalidMask(
  scl: NumericArray,
  sclSize: GridSize,
  target: GridSize,
  invalidClasses: readonly number[] = DEFAULT_SCL_INVALID_CLASSES,
): Uint8Array {
  if (scl.length !== sclSize.width * sclSize.height) {
    throw new Error(`SCL has ${scl.length} values, expected ${sclSize.width}×${sclSize.height}`);
  }
  const invalid = new Uint8Array(256);
  for (const c of invalidClasses) if (Number.isInteger(c) && c >= 0 && c < 256) invalid[c] = 1;
  const columns = nearestIndexTable(sclSize.width, target.width);
  const rows = nearestIndexTable(sclSize.height, target.height);
  const mask = new Uint8Array(target.width * target.height);
  for (let r = 0; r < target.height; r++) {
    const sourceRow = rows[r] * sclSize.width;
    const targetRow = r * target.width;
    for (let c = 0; c < target.width; c++) {
      const cls = scl[sourceRow + columns[c]];
      // (cls | 0) === cls: an integer (NaN fails the range test first).
      mask[targetRow + c] = cls >= 0 && cls < 256 && (cls | 0) === cls ? invalid[cls] : 1;
    }
  }
  return mask;
}

/** Bits 0–4 of Landsat C2 QA_PIXEL: fill, dilated cloud, cirrus, cloud, cloud shadow. */
export const LANDSAT_QA_INVALID_BITS = 0b11111;

export interface LandsatQaOptions {
  /** Any of these bits set → invalid (default bits 0–4). */
  readonly invalidBits?: number;
  /** All of these bits must be set to be valid (default none; e.g. 1 << 6 demands "clear"). */
  readonly requiredBits?: number;
}

export function landsatQaInvalidMask(qa: NumericArray, options: LandsatQaOptions = {}): Uint8Array {
  const invalidBits = options.invalidBits ?? LANDSAT_QA_INVALID_BITS;
  const requiredBits = options.requiredBits ?? 0;
  const mask = new Uint8Array(qa.length);
  for (let i = 0; i < qa.length; i++) {
    const bits = qa[i];
    mask[i] = bits !== bits || (bits & invalidBits) !== 0 || (bits & requiredBits) !== requiredBits ? 1 : 0;
  }
  return mask;
}

/** Sets values to NaN where the mask is 1, in place; returns `values`. */
export function applyInvalidMask(values: Float32Array, mask: Uint8Array): Float32Array {
  if (values.length !== mask.length) throw new Error(`mask has ${mask.length} values, raster ${values.length}`);
  for (let i = 0; i < values.length; i++) if (mask[i]) values[i] = NaN;
  return values;
}

/** Union of invalid masks (1 where any is 1). */
export function combineMasks(...masks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(masks[0]?.length ?? 0);
  for (const mask of masks) {
    if (mask.length !== out.length) throw new Error('masks differ in length');
    for (let i = 0; i < out.length; i++) out[i] |= mask[i];
  }
  return out;
}
