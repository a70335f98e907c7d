/**
 * Landsat Collection 2 Level-2 bands under ASTRA's one naming, which is the USGS file naming
 * (`SR_B4`, `ST_B10`, `QA_PIXEL`). Band numbers differ between OLI/TIRS (Landsat 8/9) and
 * TM/ETM+ (Landsat 4/5/7): red is SR_B4 on Landsat 8 but SR_B3 on Landsat 7.
 */
import { bandsByUpstreamKey, bareAssetKey, type BandSpec, type EoCommonName } from './band-spec';
import { asArray, asString, isRecord, type JsonRecord } from './json-guards';

function sr(asset: string, commonName: EoCommonName, center: number, fwhm: number, title: string): BandSpec {
  return { asset, kind: 'reflectance', title: `${title} (${asset})`, gsd: 30, commonName, centerWavelength: center, fullWidthHalfMax: fwhm, upstreamKeys: [commonName] };
}

const QA_PIXEL: BandSpec = { asset: 'QA_PIXEL', kind: 'bitmask', title: 'Pixel quality (QA_PIXEL)', gsd: 30, upstreamKeys: ['qa_pixel', 'QA_PIXEL'] };

/** Landsat 8 and 9 (OLI/TIRS). */
export const LANDSAT_OLI_BANDS: readonly BandSpec[] = [
  sr('SR_B1', 'coastal', 0.44, 0.02, 'Coastal/aerosol'),
  sr('SR_B2', 'blue', 0.48, 0.06, 'Blue'),
  sr('SR_B3', 'green', 0.56, 0.06, 'Green'),
  sr('SR_B4', 'red', 0.65, 0.04, 'Red'),
  sr('SR_B5', 'nir08', 0.87, 0.03, 'NIR'),
  sr('SR_B6', 'swir16', 1.61, 0.09, 'SWIR 1.6'),
  sr('SR_B7', 'swir22', 2.2, 0.19, 'SWIR 2.2'),
  { asset: 'ST_B10', kind: 'temperature', title: 'Surface temperature (ST_B10)', gsd: 100, commonName: 'lwir11', centerWavelength: 10.9, fullWidthHalfMax: 0.59, upstreamKeys: ['lwir11'] },
  QA_PIXEL,
];

/** Landsat 4, 5 and 7 (TM/ETM+), reachable through Planetary Computer's landsat-c2-l2. */
export const LANDSAT_TM_BANDS: readonly BandSpec[] = [
  sr('SR_B1', 'blue', 0.485, 0.07, 'Blue'),
  sr('SR_B2', 'green', 0.56, 0.08, 'Green'),
  sr('SR_B3', 'red', 0.66, 0.06, 'Red'),
  sr('SR_B4', 'nir08', 0.835, 0.13, 'NIR'),
  sr('SR_B5', 'swir16', 1.65, 0.2, 'SWIR 1.6'),
  sr('SR_B7', 'swir22', 2.22, 0.26, 'SWIR 2.2'),
  { asset: 'ST_B6', kind: 'temperature', title: 'Surface temperature (ST_B6)', gsd: 120, commonName: 'lwir', centerWavelength: 11.45, fullWidthHalfMax: 2.1, upstreamKeys: ['lwir'] },
  QA_PIXEL,
];

export function landsatBandsFor(platform: string): readonly BandSpec[] {
  return platform === 'landsat-8' || platform === 'landsat-9' ? LANDSAT_OLI_BANDS : LANDSAT_TM_BANDS;
}

function fileBandName(href: string | undefined): string | undefined {
  const match = href ? /_(SR_B\d+|ST_B\d+|QA_PIXEL)\.TIF(?:$|\?)/i.exec(href) : null;
  return match ? match[1].toUpperCase() : undefined;
}

const BY_UPSTREAM_KEY = new Map([LANDSAT_OLI_BANDS, LANDSAT_TM_BANDS].map((bands) => [bands, bandsByUpstreamKey(bands)]));

/**
 * The band an upstream Landsat asset holds: by `eo:bands[].common_name`, then by the USGS file
 * name in the href (`…_SR_B4.TIF`), then by the catalogs' asset keys.
 */
export function resolveLandsatBand(bands: readonly BandSpec[], key: string, asset: JsonRecord): BandSpec | undefined {
  const eoBands = asArray(asset['eo:bands']);
  const eo = eoBands && eoBands.length === 1 && isRecord(eoBands[0]) ? eoBands[0] : undefined;
  const commonName = asString(eo?.common_name);
  const byCommonName = commonName ? bands.find((band) => band.commonName === commonName) : undefined;
  if (byCommonName) return byCommonName;
  const fromFile = fileBandName(asString(asset.href));
  const byFile = fromFile ? bands.find((band) => band.asset === fromFile) : undefined;
  if (byFile) return byFile;
  const bare = bareAssetKey(key);
  const table = BY_UPSTREAM_KEY.get(bands);
  return table ? table.get(bare) : bands.find((band) => band.upstreamKeys.includes(bare));
}
