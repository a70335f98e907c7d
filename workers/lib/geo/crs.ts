/**
 * The coordinate reference systems the workers can warp between. Built in, with no look-up:
 * WGS84 UTM north/south (EPSG:326zz / 327zz), geographic WGS84 (EPSG:4326, x = longitude) and
 * Web Mercator (EPSG:3857) — what the scenes come in and what most jobs ask for. Any other EPSG
 * code is looked up in the offline EPSG index, lazily, the first time it is asked for
 * (epsg-definition.ts says which ones can be used and why others are refused).
 */
import proj4 from 'proj4';
import type { CrsInfo } from './crs-info';
import { epsgCrsInfo } from './epsg-definition';

export type { CrsInfo } from './crs-info';

/** A point transform; writes the result into `out[0]`, `out[1]` (NaN when it cannot be projected). */
export type PointTransform = (x: number, y: number, out: Float64Array) => void;

const GEOGRAPHIC = '+proj=longlat +datum=WGS84 +no_defs';
const WEB_MERCATOR = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';

/** `32633`, `'32633'`, `'epsg:32633'` → `'EPSG:32633'`. */
export function normaliseCrs(crs: string | number): string {
  const match = /^(?:epsg:)?(\d+)$/i.exec(String(crs).trim());
  if (!match) throw new Error(`unsupported CRS '${crs}': expected an EPSG code such as EPSG:32633`);
  return `EPSG:${Number(match[1])}`;
}

function builtIn(code: number): CrsInfo | null {
  const crs = `EPSG:${code}`;
  if (code === 4326) return { crs, name: 'WGS 84', definition: GEOGRAPHIC, geographic: true, metresPerUnit: null, unit: '°' };
  if (code === 3857) return { crs, name: 'WGS 84 / Pseudo-Mercator', definition: WEB_MERCATOR, geographic: false, metresPerUnit: 1, unit: 'm' };
  const zone = code % 100;
  const hemisphere = Math.floor(code / 100);
  if ((hemisphere === 326 || hemisphere === 327) && zone >= 1 && zone <= 60) {
    const south = hemisphere === 327;
    return {
      crs,
      name: `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`,
      definition: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
      geographic: false,
      metresPerUnit: 1,
      unit: 'm',
    };
  }
  return null;
}

const known = new Map<number, CrsInfo>();

/** What is known of a CRS (built in, else from the EPSG index); throws a message naming it when it cannot be used. */
export function crsInfo(crs: string | number): CrsInfo {
  const code = Number(normaliseCrs(crs).slice('EPSG:'.length));
  let info = known.get(code);
  if (!info) {
    info = builtIn(code) ?? epsgCrsInfo(code);
    known.set(code, info);
  }
  return info;
}

/** The PROJ string of a supported CRS. */
export function projDefinition(crs: string | number): string {
  return crsInfo(crs).definition;
}

/** A transform from one supported CRS to another; the identity when both are the same. */
export function createPointTransform(from: string | number, to: string | number): PointTransform {
  if (normaliseCrs(from) === normaliseCrs(to)) {
    return (x, y, out) => { out[0] = x; out[1] = y; };
  }
  const converter = proj4(projDefinition(from), projDefinition(to));
  const point = [0, 0];
  return (x, y, out) => {
    point[0] = x;
    point[1] = y;
    let result: number[] | undefined;
    try {
      result = converter.forward(point);
    } catch {
      result = undefined;
    }
    out[0] = result && Number.isFinite(result[0]) ? result[0] : NaN;
    out[1] = result && Number.isFinite(result[1]) ? result[1] : NaN;
  };
}
