/**
 * Sentinel-2 MSI L2A bands under ASTRA's one naming (`B01`…`B12`, `B8A`, `SCL`) and how each
 * catalog's assets map onto them (providers.md §1.3: Earth Search uses common names as keys,
 * Planetary Computer uses ESA band ids).
 */
import { bandsByUpstreamKey, bareAssetKey, type BandSpec, type EoCommonName } from './band-spec';
import { asArray, asFiniteNumber, asString, isRecord, type JsonRecord } from './json-guards';
import { memoizeString } from './string-memo';

function reflectance(asset: string, commonName: EoCommonName, center: number, fwhm: number, gsd: number, esKey: string, title: string): BandSpec {
  return { asset, kind: 'reflectance', title, gsd, commonName, centerWavelength: center, fullWidthHalfMax: fwhm, upstreamKeys: [esKey, asset] };
}

export const SENTINEL_2_BANDS: readonly BandSpec[] = [
  reflectance('B01', 'coastal', 0.443, 0.027, 60, 'coastal', 'Coastal aerosol (B01)'),
  reflectance('B02', 'blue', 0.49, 0.098, 10, 'blue', 'Blue (B02)'),
  reflectance('B03', 'green', 0.56, 0.045, 10, 'green', 'Green (B03)'),
  reflectance('B04', 'red', 0.665, 0.038, 10, 'red', 'Red (B04)'),
  reflectance('B05', 'rededge', 0.704, 0.019, 20, 'rededge1', 'Red edge 1 (B05)'),
  reflectance('B06', 'rededge', 0.74, 0.018, 20, 'rededge2', 'Red edge 2 (B06)'),
  reflectance('B07', 'rededge', 0.783, 0.028, 20, 'rededge3', 'Red edge 3 (B07)'),
  reflectance('B08', 'nir', 0.842, 0.145, 10, 'nir', 'NIR (B08)'),
  reflectance('B8A', 'nir08', 0.865, 0.033, 20, 'nir08', 'NIR narrow (B8A)'),
  reflectance('B09', 'nir09', 0.945, 0.026, 60, 'nir09', 'Water vapour (B09)'),
  reflectance('B11', 'swir16', 1.61, 0.143, 20, 'swir16', 'SWIR 1.6 (B11)'),
  reflectance('B12', 'swir22', 2.19, 0.242, 20, 'swir22', 'SWIR 2.2 (B12)'),
  { asset: 'SCL', kind: 'classification', title: 'Scene classification (SCL)', gsd: 20, upstreamKeys: ['scl', 'SCL'] },
];

/** The true-colour composite: three 8-bit bands red, green, blue. */
export const SENTINEL_2_VISUAL_BANDS = ['B04', 'B03', 'B02'] as const;

const BY_ASSET = new Map(SENTINEL_2_BANDS.map((band) => [band.asset, band]));
const BY_UPSTREAM_KEY = bandsByUpstreamKey(SENTINEL_2_BANDS);

/** The band specs of SENTINEL_2_VISUAL_BANDS, in that order. */
export const SENTINEL_2_VISUAL_SPECS: readonly BandSpec[] = SENTINEL_2_VISUAL_BANDS.map((name) => BY_ASSET.get(name) as BandSpec);

export const SENTINEL_2_RED = BY_ASSET.get('B04') as BandSpec;

/** Common names that name exactly one Sentinel-2 band (`rededge` names three). */
const UNIQUE_COMMON_NAMES = new Map<string, BandSpec>(
  SENTINEL_2_BANDS.filter((band) => band.commonName && band.commonName !== 'rededge').map((band) => [band.commonName as string, band]),
);

const esaBandId = memoizeString((name: string): string | undefined => {
  const match = /^B(\d{1,2}|8A)$/i.exec(name);
  if (!match) return undefined;
  const id = match[1].toUpperCase();
  return id === '8A' ? 'B8A' : `B${id.padStart(2, '0')}`;
});

function singleEoBand(asset: JsonRecord): JsonRecord | undefined {
  const bands = asArray(asset['eo:bands']);
  return bands && bands.length === 1 && isRecord(bands[0]) ? bands[0] : undefined;
}

/**
 * The Sentinel-2 band an upstream asset holds: by an unambiguous `eo:bands[].common_name`, then
 * by an ESA band id in `eo:bands[].name`, then by the catalogs' key tables, then (for the
 * ambiguous `rededge`) by centre wavelength. NOTE: Planetary Computer labels B8A `rededge`.
 */
export function resolveSentinel2Band(key: string, asset: JsonRecord): BandSpec | undefined {
  const eo = singleEoBand(asset);
  const commonName = asString(eo?.common_name);
  const byCommonName = commonName ? UNIQUE_COMMON_NAMES.get(commonName) : undefined;
  if (byCommonName) return byCommonName;
  const name = asString(eo?.name);
  const byName = name ? BY_ASSET.get(esaBandId(name) ?? '') : undefined;
  if (byName) return byName;
  const byKey = BY_UPSTREAM_KEY.get(bareAssetKey(key));
  if (byKey) return byKey;
  const center = asFiniteNumber(eo?.center_wavelength);
  if (center !== undefined) {
    return SENTINEL_2_BANDS.find((band) => band.centerWavelength !== undefined && Math.abs(band.centerWavelength - center) < 0.005);
  }
  return undefined;
}

/** True for the upstream true-colour asset (`visual`, TCI), not for previews or thumbnails. */
export const isSentinel2Visual = memoizeString((key: string): boolean => bareAssetKey(key).toLowerCase() === 'visual');
