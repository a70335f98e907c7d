/** What ASTRA knows about one normalized asset (band) independently of any catalog. */
import { memoizeString } from './string-memo';

/** The `eo:bands[].common_name` values the STAC eo extension v1.1.0 allows. */
export const EO_COMMON_NAMES = [
  'coastal', 'blue', 'green', 'red', 'rededge', 'yellow', 'pan', 'nir', 'nir08', 'nir09',
  'cirrus', 'swir16', 'swir22', 'lwir', 'lwir11', 'lwir12',
] as const;

export type EoCommonName = (typeof EO_COMMON_NAMES)[number];

export function isEoCommonName(value: unknown): value is EoCommonName {
  return typeof value === 'string' && (EO_COMMON_NAMES as readonly string[]).includes(value);
}

export type BandKind = 'reflectance' | 'temperature' | 'classification' | 'bitmask';

export interface BandSpec {
  /** The normalized asset key (api.md "one naming"), also used as `eo:bands[].name`. */
  asset: string;
  kind: BandKind;
  title: string;
  gsd: number;
  commonName?: EoCommonName;
  centerWavelength?: number;
  fullWidthHalfMax?: number;
  /** Upstream asset keys that mean this band when nothing better identifies it. */
  upstreamKeys: string[];
}

/** Upstream keys with their format/resolution decorations removed: `red-jp2`, `red_20m` → `red`. */
export const bareAssetKey = memoizeString((key: string): string => key.replace(/-jp2$/i, '').replace(/_\d+m$/i, ''));

/** Upstream key → the first band (in `bands` order) that lists it, as `bands.find(… upstreamKeys …)` would. */
export function bandsByUpstreamKey(bands: readonly BandSpec[]): ReadonlyMap<string, BandSpec> {
  const byKey = new Map<string, BandSpec>();
  for (const band of bands) for (const key of band.upstreamKeys) if (!byKey.has(key)) byKey.set(key, band);
  return byKey;
}
