/**
 * GeoTIFF georeferencing for a north-up grid (OGC GeoTIFF 1.1, 19-008r4):
 * ModelPixelScale + ModelTiepoint, and a GeoKeyDirectory that names the CRS by EPSG code.
 */
import { crsInfo } from '../geo/crs';
import type { GeoTransform } from '../geo/geo-transform';

const KEY_GT_MODEL_TYPE = 1024;
const KEY_GT_RASTER_TYPE = 1025;
const KEY_GEOGRAPHIC_TYPE = 2048;
const KEY_PROJECTED_CS_TYPE = 3072;
const MODEL_TYPE_PROJECTED = 1;
const MODEL_TYPE_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_AREA = 1;

export type CrsKind = 'projected' | 'geographic';

/** Geographic 2D CRSs an EO tool meets, known without a look-up in the EPSG index. */
const KNOWN_GEOGRAPHIC_EPSG = new Set([4326, 4258, 4269, 4267, 4283, 4617, 4674, 4612, 4490, 4230, 4322, 4148, 4167]);

/** Geographic for the CRSs above and any other the EPSG index calls geographic; otherwise projected. */
export function defaultCrsKind(epsg: number): CrsKind {
  if (KNOWN_GEOGRAPHIC_EPSG.has(epsg)) return 'geographic';
  let geographic = false;
  try {
    geographic = crsInfo(epsg).geographic;
  } catch {
    // a code the warp cannot use is written as given; callers that know better pass `crsKind`
  }
  return geographic ? 'geographic' : 'projected';
}

export interface GeoTiffTagValues {
  /** Tag 33550: [scaleX, scaleY, scaleZ]. */
  modelPixelScale: number[];
  /** Tag 33922: raster (0,0,0) ↔ model (originX, originY, 0). */
  modelTiepoint: number[];
  /** Tag 34735: header [version 1, revision 1.0, count] then (key, location 0, count 1, value). */
  geoKeyDirectory: number[];
}

export function checkNorthUp(geoTransform: GeoTransform): void {
  const [originX, pixelW, rotX, originY, rotY, pixelH] = geoTransform;
  if (geoTransform.length !== 6 || ![originX, pixelW, rotX, originY, rotY, pixelH].every(Number.isFinite)) {
    throw new RangeError('geoTransform: six finite numbers required');
  }
  if (rotX !== 0 || rotY !== 0) throw new RangeError('geoTransform: rotated grids are not supported (terms 2 and 4 must be 0)');
  if (!(pixelW > 0) || !(pixelH < 0)) throw new RangeError('geoTransform: north-up grids need pixelWidth > 0 and term 5 < 0');
}

export function geoTiffTagValues(epsg: number, kind: CrsKind, geoTransform: GeoTransform): GeoTiffTagValues {
  checkNorthUp(geoTransform);
  const [originX, pixelW, , originY, , pixelH] = geoTransform;
  const crsKey = kind === 'geographic' ? KEY_GEOGRAPHIC_TYPE : KEY_PROJECTED_CS_TYPE;
  const keys: [number, number][] = [
    [KEY_GT_MODEL_TYPE, kind === 'geographic' ? MODEL_TYPE_GEOGRAPHIC : MODEL_TYPE_PROJECTED],
    [KEY_GT_RASTER_TYPE, RASTER_PIXEL_IS_AREA],
    [crsKey, epsg],
  ];
  return {
    modelPixelScale: [pixelW, -pixelH, 0],
    modelTiepoint: [0, 0, 0, originX, originY, 0],
    geoKeyDirectory: [1, 1, 0, keys.length, ...keys.flatMap(([key, value]) => [key, 0, 1, value])],
  };
}
