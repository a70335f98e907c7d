/**
 * Scene keys: platform + grid cell + sensing time to the second. Equal keys mean the same
 * acquisition seen in two catalogs (or two collections of one catalog).
 *
 * NOTE: catalogs stamp Sentinel-2 items with different `datetime`s for one acquisition (Earth
 * Search uses the granule time, e.g. 18:02:55, Planetary Computer the datatake start 17:52:31),
 * so the Sentinel-2 time comes from the datatake start in `s2:product_uri` / `s2:datatake_id` /
 * the PC item id, which all catalogs share; `datetime` is only the last resort.
 */
import { asFiniteNumber, asString, type JsonRecord } from './json-guards';

const COMPACT_TIME = /(\d{8}T\d{6})/;

/** `2023-10-08T17:37:26.656958Z` → `20231008T173727` (rounded to the nearest second). */
export function compactSecond(datetime: string): string | undefined {
  const ms = Date.parse(datetime);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  return iso.slice(0, 19).replace(/[-:]/g, '');
}

/** MGRS tile like `13TDE` from the item's grid fields or its id. */
export function sentinel2Tile(upstreamId: string, props: JsonRecord): string | undefined {
  const grid = /^MGRS-(\d{1,2}[C-X][A-Z]{2})$/.exec(asString(props['grid:code']) ?? '');
  if (grid) return grid[1].padStart(5, '0');
  const pcTile = /^(\d{1,2}[C-X][A-Z]{2})$/.exec(asString(props['s2:mgrs_tile']) ?? '');
  if (pcTile) return pcTile[1].padStart(5, '0');
  const zone = asFiniteNumber(props['mgrs:utm_zone']);
  const band = asString(props['mgrs:latitude_band']);
  const square = asString(props['mgrs:grid_square']);
  if (zone !== undefined && band && square) return `${String(zone).padStart(2, '0')}${band}${square}`;
  const fromId = /_T(\d{2}[C-X][A-Z]{2})_/.exec(upstreamId) ?? /^S2[A-D]_(\d{1,2}[C-X][A-Z]{2})_/.exec(upstreamId);
  return fromId ? fromId[1].padStart(5, '0') : undefined;
}

/** Datatake sensing start, `YYYYMMDDTHHMMSS`. */
export function sentinel2SensingTime(upstreamId: string, props: JsonRecord, datetime: string): string | undefined {
  const productUri = /MSIL[12][AC]_(\d{8}T\d{6})_/.exec(asString(props['s2:product_uri']) ?? '');
  if (productUri) return productUri[1];
  const datatake = /^GS2[A-D]_(\d{8}T\d{6})_/.exec(asString(props['s2:datatake_id']) ?? '');
  if (datatake) return datatake[1];
  const pcId = /^S2[A-D]_MSIL[12][AC]_(\d{8}T\d{6})_/.exec(upstreamId);
  if (pcId) return pcId[1];
  return compactSecond(datetime);
}

/** WRS-2 path/row like `033032`. */
export function landsatPathRow(upstreamId: string, props: JsonRecord): string | undefined {
  const path = asString(props['landsat:wrs_path']);
  const row = asString(props['landsat:wrs_row']);
  if (path && row && /^\d{1,3}$/.test(path) && /^\d{1,3}$/.test(row)) return `${path.padStart(3, '0')}${row.padStart(3, '0')}`;
  const fromId = /^L[COTEM]0\d_L\w{3}_(\d{6})_/.exec(upstreamId);
  return fromId ? fromId[1] : undefined;
}

export function sceneKey(platform: string, cell: string | undefined, time: string | undefined): string | undefined {
  return cell && time && COMPACT_TIME.test(time) ? `${platform}_${cell}_${time}` : undefined;
}
