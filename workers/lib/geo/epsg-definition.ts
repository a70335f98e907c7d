/**
 * Any EPSG code beyond crs.ts's built-in ones, from the EPSG index (epsg-index.ts), as a CRS the
 * warp can put a grid in — or a clear refusal. Accepted: 2D projected and geographic CRSs whose
 * PROJ string proj4js can run, whose axes point east and north (grids here are north-up), and
 * whose datum is tied to WGS84 (the scenes' datum) by the string itself: WGS84 or a GRS80 datum
 * taken as WGS84 (PROJ's own null transformation for ETRS89, NAD83, GDA…), a `+towgs84` Helmert,
 * or `+nadgrids=@null`. Refused: codes the registry lacks, geocentric / 3D / vertical / compound /
 * engineering CRSs, datums needing a shift grid (none ship offline: EPSG:27700's OSTN15, …), and
 * datums the string gives no shift for (they would be off by up to hundreds of metres).
 * Projected units other than the metre (US survey feet, links, …) are kept: a grid's resolution
 * is then in that unit.
 */
import proj4 from 'proj4';
import type { CrsInfo } from './crs-info';
import { epsgEntry } from './epsg-index';

/** The proj4js projection fields read here (proj4's typings leave them out). */
interface ParsedProjection {
  projName?: string;
  axis?: string;
  to_meter?: number;
  datum: { datum_type: number; a: number; es: number; grids?: Array<{ name: string; isNull: boolean }> };
}

/** proj4js datum types (lib/constants/values.js). */
const DATUM_GRIDSHIFT = 3;
const DATUM_NONE = 5;
const WGS84_A = 6378137;
const WGS84_ES = 0.0066943799901413165;

const KIND_NAMES: Record<string, string> = {
  'CRS-GEOG3DCRS': 'a 3D geographic CRS',
  'CRS-GCENCRS': 'a geocentric CRS',
  'CRS-VERTCRS': 'a vertical CRS',
  'CRS-COMPOUNDCRS': 'a compound (horizontal + vertical) CRS',
  'CRS-ENGCRS': 'an engineering CRS',
  'CRS-DRVDCRS': 'a derived CRS',
};

function parse(definition: string): ParsedProjection {
  try {
    return new proj4.Proj(definition) as unknown as ParsedProjection;
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error));
  }
}

/** Why the datum cannot be related to WGS84 exactly; null when it can. */
function datumProblem(parsed: ParsedProjection, definition: string): string | null {
  const { datum } = parsed;
  if (datum.datum_type === DATUM_GRIDSHIFT) {
    const grids = (datum.grids ?? []).filter((grid) => !grid.isNull).map((grid) => grid.name);
    if (grids.length > 0) return `its datum shift to WGS84 needs the grid ${grids.join(', ')}, which is not available offline`;
  }
  if (datum.datum_type === DATUM_NONE && !/\+nadgrids=@null\b/.test(definition)) {
    const wgs84Ellipsoid = Math.abs(datum.a - WGS84_A) < 1e-6 && Math.abs(datum.es - WGS84_ES) < 1e-9;
    if (!wgs84Ellipsoid) return 'its definition gives no datum shift to WGS84 (no +towgs84), so it cannot be related to the scenes exactly';
  }
  return null;
}

/** The CRS of an EPSG code from the index; throws a message naming the code when it cannot be used. */
export function epsgCrsInfo(code: number): CrsInfo {
  const crs = `EPSG:${code}`;
  const entry = epsgEntry(code);
  if (!entry) throw new Error(`unknown CRS '${crs}': no coordinate reference system of the EPSG registry has that code`);
  const named = `'${crs}' (${entry.name})`;
  if (entry.kind !== 'CRS-PROJCRS' && entry.kind !== 'CRS-GEOGCRS') {
    throw new Error(`unsupported CRS ${named}: ${KIND_NAMES[entry.kind] ?? entry.kind}; a grid needs a 2D projected or geographic CRS`);
  }
  const definition = entry.proj4?.trim();
  if (!definition) throw new Error(`unsupported CRS ${named}: PROJ gives no definition for it`);
  let parsed: ParsedProjection;
  try {
    parsed = parse(definition);
  } catch (error) {
    throw new Error(`unsupported CRS ${named}: proj4js cannot use its definition (${(error as Error).message})`);
  }
  if (parsed.axis && parsed.axis.slice(0, 2) !== 'en') {
    throw new Error(`unsupported CRS ${named}: its axes are '${parsed.axis}' (PROJ notation); grids here need x east and y north`);
  }
  const problem = datumProblem(parsed, definition);
  if (problem) throw new Error(`unsupported CRS ${named}: ${problem}`);
  const geographic = parsed.projName === 'longlat';
  const metresPerUnit = geographic ? null : parsed.to_meter ?? 1;
  const unit = geographic ? '°' : metresPerUnit === 1 ? 'm' : entry.unit ?? `${metresPerUnit} m`;
  return { crs, name: entry.name, definition, geographic, metresPerUnit, unit };
}
