/**
 * ASTRA band names → the band names of one remote collection, read from that collection's own
 * metadata (`eo:bands` / STAC 1.1 `bands`, else `cube:dimensions` band labels) — never from a
 * table of back-end names. Reflective and thermal bands match by `common_name` (several with the
 * same common name, like the three `rededge` bands: the nearest centre wavelength); bands without a
 * common name by wavelength; the scene classification (SCL) and the Landsat pixel quality band
 * (QA_PIXEL) by name pattern or role (`SCL`, `SCENECLASSIFICATION_20M`, `BQA`, `QA_PIXEL`).
 */
import type { BandSpec } from '../../sources/normalize/band-spec';

export interface RemoteBand {
  name: string;
  common_name?: string;
  center_wavelength?: number;
  roles?: string[];
  description?: string;
}

/** µm: two bands this close in centre wavelength are the same band (B08 0.842 vs B8A 0.865 are not). */
const SAME_BAND_UM = 0.015;
const NEAREST_OF_SAME_NAME_UM = 0.05;

const CLASSIFICATION = { names: [/^scl$/i, /scene[\s_-]?classification/i, /^scl[\s_-]?\d+m$/i], roles: ['classification', 'scene-classification', 'scl'] };
const PIXEL_QA = { names: [/^qa[\s_-]?pixel$/i, /^bqa$/i, /^pixel[\s_-]?qa$/i, /^qa$/i], roles: ['qa', 'quality', 'pixel-qa', 'bitmask'] };

function nearest(candidates: RemoteBand[], wavelength: number | undefined, tolerance: number): RemoteBand | undefined {
  if (wavelength === undefined) return undefined;
  let best: RemoteBand | undefined;
  let bestGap = tolerance;
  for (const band of candidates) {
    if (band.center_wavelength === undefined) continue;
    const gap = Math.abs(band.center_wavelength - wavelength);
    if (gap <= bestGap) {
      best = band;
      bestGap = gap;
    }
  }
  return best;
}

function byPattern(bands: RemoteBand[], pattern: { names: RegExp[]; roles: string[] }): RemoteBand | undefined {
  return bands.find((band) => pattern.names.some((name) => name.test(band.name)))
    ?? bands.find((band) => (band.roles ?? []).some((role) => pattern.roles.includes(role.toLowerCase())));
}

/** The remote band that holds ASTRA's band `spec`, or undefined when the collection has none (or it is ambiguous). */
export function matchBand(spec: BandSpec, bands: readonly RemoteBand[]): RemoteBand | undefined {
  const list = [...bands];
  const sameName = list.find((band) => band.name.toLowerCase() === spec.asset.toLowerCase());
  if (spec.kind === 'classification') return byPattern(list, CLASSIFICATION) ?? sameName;
  if (spec.kind === 'bitmask') return byPattern(list, PIXEL_QA) ?? sameName;
  if (spec.commonName) {
    const same = list.filter((band) => band.common_name === spec.commonName);
    if (same.length === 1) return same[0];
    if (same.length > 1) return nearest(same, spec.centerWavelength, NEAREST_OF_SAME_NAME_UM) ?? same.find((band) => band === sameName);
    const unnamed = list.filter((band) => !band.common_name);
    return nearest(unnamed, spec.centerWavelength, SAME_BAND_UM) ?? (sameName && !sameName.common_name ? sameName : undefined);
  }
  return sameName;
}
