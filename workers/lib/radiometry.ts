/**
 * Digital numbers → physical values (reflectance for SR bands): value = DN × scale + offset, and
 * NaN wherever DN equals the band's nodata. Computed in float64, stored as float32.
 * The scale/offset to use is the caller's decision (providers.md §5: e.g. Landsat C2 L2 SR
 * 2.75e-5 / −0.2; Sentinel-2 0.0001 with offset 0 or −0.1 depending on processing baseline).
 */
import type { NumericArray } from './raster-types';

/** The STAC `raster:bands` fields that matter here; `nodata` may also be STAC's "nan"/"inf"/"-inf". */
export interface RadiometricScaling {
  readonly scale?: number;
  readonly offset?: number;
  readonly nodata?: number | 'nan' | 'inf' | '-inf' | null;
}

/** `nodata` as a number (STAC's "nan"/"inf"/"-inf" strings included); undefined when there is none. */
export function nodataValue(nodata: RadiometricScaling['nodata']): number | undefined {
  switch (nodata) {
    case undefined: case null: return undefined;
    case 'nan': return NaN;
    case 'inf': return Infinity;
    case '-inf': return -Infinity;
    default: return nodata;
  }
}

export function applyRadiometry(raw: NumericArray, scaling: RadiometricScaling = {}, out?: Float32Array): Float32Array {
  const scale = scaling.scale ?? 1;
  const offset = scaling.offset ?? 0;
  const nodata = nodataValue(scaling.nodata);
  const target = out ?? new Float32Array(raw.length);
  if (target.length !== raw.length) throw new Error(`output has ${target.length} values, input ${raw.length}`);
  const n = raw.length;
  // NaN input stays NaN through the arithmetic, so a NaN nodata needs no comparison.
  if (nodata === undefined || Number.isNaN(nodata)) {
    for (let i = 0; i < n; i++) target[i] = raw[i] * scale + offset;
  } else {
    for (let i = 0; i < n; i++) {
      const dn = raw[i];
      target[i] = dn === nodata ? NaN : dn * scale + offset;
    }
  }
  return target;
}
