/**
 * The HLS spectral bandpass adjustment between Landsat 8/9 OLI and Sentinel-2 MSI surface
 * reflectance, so both sensors can sit in one time series.
 *
 * Source of the coefficients: HLS Product User Guide v2.0 (NASA, Masek et al.), §4.5 "Bandpass
 * Adjustment", Eq. (5) ρ_OLI = a × ρ_MSI + b and Table 5 "Bandpass adjustment coefficients"; the
 * same S2A/S2B values are on https://hls.gsfc.nasa.gov/algorithms/bandpass-adjustment/ and in the
 * HLS v1.4 guide. They were derived by Claverie et al. (2018), "The Harmonized Landsat and
 * Sentinel-2 surface reflectance data set", Remote Sensing of Environment 219:145–161, from 500
 * Hyperion spectra convolved with the OLI and MSI spectral responses.
 *
 * Direction: HLS itself adjusts MSI to look like OLI (OLI is its reference). `target: 'msi'`
 * (our default, what the issue asks for) makes OLI look like Sentinel-2A MSI with the algebraic
 * inverse of the S2A regression, ρ_MSI = (ρ_OLI − b) / a, as ESA's sen2like does for L8/L9 → S2A;
 * Sentinel-2 scenes are then left as they are. `target: 'oli'` applies HLS's own direction to each
 * Sentinel-2 platform's row and leaves Landsat as it is.
 * Pairs: coastal OLI B1 ↔ MSI B01, blue B2 ↔ B02, green B3 ↔ B03, red B4 ↔ B04, nir08 B5 ↔ B8A,
 * swir16 B6 ↔ B11, swir22 B7 ↔ B12. MSI B08 (`nir`) and the red-edge bands have no OLI twin and
 * are never adjusted. Only OLI (Landsat 8/9) and MSI (Sentinel-2A/B/C) are covered.
 */
import { normalizePlatformName } from './solar-day';

export type HlsBand = 'coastal' | 'blue' | 'green' | 'red' | 'nir08' | 'swir16' | 'swir22';
export type MsiPlatform = 'sentinel-2a' | 'sentinel-2b' | 'sentinel-2c';
export type HlsTarget = 'msi' | 'oli';

export interface LinearAdjustment {
  readonly slope: number;
  readonly offset: number;
}

export const HLS_BANDS: readonly HlsBand[] = ['coastal', 'blue', 'green', 'red', 'nir08', 'swir16', 'swir22'];

export const HLS_SOURCE = 'HLS Product User Guide v2.0, §4.5, Eq. 5 and Table 5 (Claverie et al. 2018, Remote Sensing of Environment 219:145–161)';

function row(values: readonly (readonly [number, number])[]): Readonly<Record<HlsBand, LinearAdjustment>> {
  return Object.fromEntries(HLS_BANDS.map((band, i) => [band, { slope: values[i][0], offset: values[i][1] }])) as Record<HlsBand, LinearAdjustment>;
}

/** Table 5 as published: ρ_OLI = slope × ρ_MSI + offset, per Sentinel-2 platform (bands in HLS_BANDS order). */
export const HLS_MSI_TO_OLI: Readonly<Record<MsiPlatform, Readonly<Record<HlsBand, LinearAdjustment>>>> = {
  'sentinel-2a': row([[0.9959, -0.0002], [0.9778, -0.004], [1.0053, -0.0009], [0.9765, 0.0009], [0.9983, -0.0001], [0.9987, -0.0011], [1.003, -0.0012]]),
  'sentinel-2b': row([[0.9959, -0.0002], [0.9778, -0.004], [1.0075, -0.0008], [0.9761, 0.001], [0.9966, 0], [1.0, -0.0003], [0.9867, 0.0004]]),
  // NOTE: the S2C coastal intercept is printed as "-0.0" in the guide; taken as 0.
  'sentinel-2c': row([[1.003, 0], [0.9851, -0.0027], [1.0038, -0.0009], [0.9718, 0.0011], [0.9995, -0.0003], [0.9994, -0.0007], [0.991, 0.0004]]),
};

const OLI_PLATFORMS = ['landsat-8', 'landsat-9'];

export function isHlsPlatform(platform: string): boolean {
  const p = normalizePlatformName(platform);
  return OLI_PLATFORMS.includes(p) || Object.hasOwn(HLS_MSI_TO_OLI, p);
}

/** The inverse line: if y = a·x + b then x = y/a − b/a. */
export function invert(adjustment: LinearAdjustment): LinearAdjustment {
  return { slope: 1 / adjustment.slope, offset: -adjustment.offset / adjustment.slope };
}

function hlsBandOf(platform: string, band: string): HlsBand | null {
  // OLI's only NIR band is B5 (nir08); the app binds a `nir` request to it on Landsat.
  if (band === 'nir' && OLI_PLATFORMS.includes(platform)) return 'nir08';
  return (HLS_BANDS as readonly string[]).includes(band) ? (band as HlsBand) : null;
}

/**
 * The adjustment to apply to one band (STAC `eo:bands` common name) of a scene of `platform`, or
 * null when that band of that platform stays as it is. Throws for platforms HLS does not cover.
 */
export function hlsAdjustment(platform: string, band: string, target: HlsTarget = 'msi', reference: MsiPlatform = 'sentinel-2a'): LinearAdjustment | null {
  const p = normalizePlatformName(platform);
  if (!isHlsPlatform(p)) {
    throw new Error(`the HLS bandpass adjustment covers Landsat 8/9 OLI and Sentinel-2A/B/C MSI, not '${platform}'`);
  }
  const hlsBand = hlsBandOf(p, band);
  if (!hlsBand) return null;
  const isOli = OLI_PLATFORMS.includes(p);
  if (target === 'msi') return isOli ? invert(HLS_MSI_TO_OLI[reference][hlsBand]) : null;
  return isOli ? null : HLS_MSI_TO_OLI[p as MsiPlatform][hlsBand];
}

/** values = slope × values + offset in place (float64 arithmetic), NaN staying NaN; returns `values`. */
export function applyAdjustment(values: Float32Array, adjustment: LinearAdjustment): Float32Array {
  const { slope, offset } = adjustment;
  for (let i = 0; i < values.length; i++) values[i] = values[i] * slope + offset;
  return values;
}

/** What was applied to one platform's bands, for the result's STAC item (e.g. under `processing:` provenance). */
export interface HarmonizationRecord {
  readonly method: 'hls-bandpass-adjustment';
  readonly source: string;
  readonly target: HlsTarget;
  /** The MSI platform whose coefficients define the target when target is 'msi'. */
  readonly reference_platform: MsiPlatform | null;
  readonly platform: string;
  readonly equation: string;
  /** Band (common name) → applied slope/offset and the published row it came from. */
  readonly bands: Readonly<Record<string, { slope: number; offset: number; published: { platform: MsiPlatform; slope: number; intercept: number } }>>;
  /** Bands of the request left unadjusted (no HLS pair, or already in the target's terms). */
  readonly unadjusted: readonly string[];
}

export function describeHarmonization(platform: string, bands: readonly string[], target: HlsTarget = 'msi', reference: MsiPlatform = 'sentinel-2a'): HarmonizationRecord {
  const p = normalizePlatformName(platform);
  const applied: Record<string, HarmonizationRecord['bands'][string]> = {};
  const unadjusted: string[] = [];
  for (const band of bands) {
    const adjustment = hlsAdjustment(p, band, target, reference);
    if (!adjustment) {
      unadjusted.push(band);
      continue;
    }
    const rowPlatform = target === 'msi' ? reference : (p as MsiPlatform);
    const published = HLS_MSI_TO_OLI[rowPlatform][hlsBandOf(p, band) as HlsBand];
    applied[band] = { ...adjustment, published: { platform: rowPlatform, slope: published.slope, intercept: published.offset } };
  }
  return {
    method: 'hls-bandpass-adjustment',
    source: HLS_SOURCE,
    target,
    reference_platform: target === 'msi' ? reference : null,
    platform: p,
    equation: target === 'msi'
      ? 'reflectance_msi = slope × reflectance_oli + offset, slope = 1/a, offset = −b/a (inverse of the published ρ_OLI = a·ρ_MSI + b)'
      : 'reflectance_oli = slope × reflectance_msi + offset (the published ρ_OLI = a·ρ_MSI + b)',
    bands: applied,
    unadjusted,
  };
}
