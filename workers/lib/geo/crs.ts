/**
 * The coordinate reference systems the workers can warp between, built in so nothing is fetched:
 * WGS84 UTM north/south (EPSG:326zz / 327zz), geographic WGS84 (EPSG:4326, x = longitude) and
 * Web Mercator (EPSG:3857). Everything else is refused with a clear message.
 */
import proj4 from 'proj4';

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

/** The PROJ string of a supported CRS. */
export function projDefinition(crs: string | number): string {
  const code = Number(normaliseCrs(crs).slice('EPSG:'.length));
  if (code === 4326) return GEOGRAPHIC;
  if (code === 3857) return WEB_MERCATOR;
  const zone = code % 100;
  const hemisphere = Math.floor(code / 100);
  if ((hemisphere === 326 || hemisphere === 327) && zone >= 1 && zone <= 60) {
    return `+proj=utm +zone=${zone}${hemisphere === 327 ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
  }
  throw new Error(`unsupported CRS 'EPSG:${code}': supported are EPSG:4326, EPSG:3857, EPSG:32601–32660 and EPSG:32701–32760`);
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
    let result: number[];
    try {
      result = converter.forward(point);
    } catch {
      result = [NaN, NaN];
    }
    out[0] = Number.isFinite(result[0]) ? result[0] : NaN;
    out[1] = Number.isFinite(result[1]) ? result[1] : NaN;
  };
}
