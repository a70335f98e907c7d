/**
 * The output grid of an area job: CRS, resolution and aligned bounds, as a RasterGrid.
 * - CRS: the given EPSG code (whatever workers/lib/geo/crs.ts can warp to: UTM, EPSG:4326 and
 *   EPSG:3857 built in, any other usable code from the EPSG index), else the UTM zone of the area's
 *   centre (EPSG:326zz north of the equator, 327zz south), with the Norway (32V) and Svalbard
 *   (31X–37X) exceptions so the grid matches Sentinel-2's own tiles there. UTM is defined from 80°S
 *   to 84°N: an area centred beyond that is refused by default — pass a CRS (a polar one).
 * - Resolution: in CRS units — metres for most, degrees for geographic CRSs, feet for a few.
 * - Bounds: the area's outline densified and projected (geometry.ts), then aligned OUTWARD to
 *   whole multiples of the resolution, as `gdalwarp -tap -tr`: xmin = ⌊xmin/r⌋·r, xmax = ⌈xmax/r⌉·r
 *   (same for y), width = ⌊(xmax − xmin + r/2) / r⌋. North-up, square pixels.
 */
import { normaliseCrs } from '../geo/crs';
import type { RasterGrid } from '../raster-types';
import { areaCentre, DEFAULT_STEP_DEGREES, extent, projectArea, type AreaOfInterest } from './geometry';

export const DEFAULT_PIXEL_LIMIT = 1.5e9;

/** The WGS84 UTM zone's EPSG code for a point (with the Norway / Svalbard exceptions). */
export function utmCrsFor(lon: number, lat: number): string {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error(`invalid position ${lon}, ${lat}`);
  if (lat > 84 || lat < -80) {
    throw new Error(`the area's centre (latitude ${lat.toFixed(2)}) is beyond UTM's 80°S–84°N: give a crs, e.g. EPSG:3413 (Arctic), EPSG:3031 (Antarctic) or EPSG:4326`);
  }
  const x = ((((lon + 180) % 360) + 360) % 360) - 180;
  let zone = Math.min(60, Math.floor((x + 180) / 6) + 1);
  if (lat >= 56 && lat < 64 && x >= 3 && x < 12) zone = 32;
  if (lat >= 72) {
    if (x >= 0 && x < 9) zone = 31;
    else if (x >= 9 && x < 21) zone = 33;
    else if (x >= 21 && x < 33) zone = 35;
    else if (x >= 33 && x < 42) zone = 37;
  }
  return `EPSG:${lat >= 0 ? 32600 + zone : 32700 + zone}`;
}

export interface Bounds {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
}

/** A north-up grid over `bounds` aligned outward to multiples of `resolution` (gdalwarp -tap). */
export function alignedGrid(bounds: Bounds, crs: string, resolution: number): RasterGrid {
  if (!(resolution > 0) || !Number.isFinite(resolution)) throw new Error(`invalid resolution ${resolution}`);
  const { xmin, ymin, xmax, ymax } = bounds;
  if (![xmin, ymin, xmax, ymax].every(Number.isFinite) || xmin > xmax || ymin > ymax) throw new Error('invalid bounds');
  const x0 = Math.floor(xmin / resolution) * resolution;
  const x1 = Math.ceil(xmax / resolution) * resolution;
  const y0 = Math.floor(ymin / resolution) * resolution;
  const y1 = Math.ceil(ymax / resolution) * resolution;
  return {
    crs: normaliseCrs(crs),
    width: Math.max(1, Math.floor((x1 - x0 + resolution / 2) / resolution)),
    height: Math.max(1, Math.floor((y1 - y0 + resolution / 2) / resolution)),
    transform: [x0, resolution, 0, y1, 0, -resolution],
  };
}

export interface AreaGridOptions {
  /** EPSG code; default the UTM zone of the area's centre. */
  readonly crs?: string | number;
  /** Pixel size in CRS units (metres; degrees for a geographic CRS; feet for a few). */
  readonly resolution: number;
  /** Longest piece of an outline edge before projection, degrees (default 0.01). */
  readonly stepDegrees?: number;
}

/** The CRS an area's grid gets: the one asked for, else the UTM zone of its centre. */
export function areaCrs(area: AreaOfInterest, crs?: string | number): string {
  return crs === undefined ? utmCrsFor(...areaCentre(area)) : normaliseCrs(crs);
}

/** Bounds of the area's densified, projected outline in `crs`. */
export function projectedBounds(area: AreaOfInterest, crs: string, stepDegrees = DEFAULT_STEP_DEGREES): Bounds {
  const [xmin, ymin, xmax, ymax] = extent(projectArea(area, crs, stepDegrees).coordinates.flat(2));
  return { xmin, ymin, xmax, ymax };
}

export function areaGrid(area: AreaOfInterest, options: AreaGridOptions): RasterGrid {
  const crs = areaCrs(area, options.crs);
  return alignedGrid(projectedBounds(area, crs, options.stepDegrees), crs, options.resolution);
}

export interface SizeExcess {
  readonly limit: number;
  readonly pixels: number;
  /** The finest "round" resolution (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at which the grid fits. */
  readonly resolution: number;
}

const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

function niceAtLeast(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = NICE.find((m) => m * power >= value * (1 - 1e-12));
  return step === undefined ? 10 * power : step * power;
}

function nextNice(value: number): number {
  return niceAtLeast(value * 1.000001);
}

/**
 * null when the grid has at most `limitPixels` pixels; otherwise the limit, the grid's pixel count
 * and the coarser resolution that fits (for a 422 message). The coarser grid covers the same extent
 * re-aligned, so up to one more pixel per row and column is allowed for.
 */
export function sizeCheck(grid: RasterGrid, limitPixels = DEFAULT_PIXEL_LIMIT): SizeExcess | null {
  const pixels = grid.width * grid.height;
  if (pixels <= limitPixels) return null;
  const current = Math.abs(grid.transform[1]);
  const extentX = grid.width * current;
  const extentY = grid.height * Math.abs(grid.transform[5]);
  const fits = (r: number): boolean => (Math.ceil(extentX / r) + 1) * (Math.ceil(extentY / r) + 1) <= limitPixels;
  let resolution = niceAtLeast(current * Math.sqrt(pixels / limitPixels));
  while (!fits(resolution)) resolution = nextNice(resolution);
  return { limit: limitPixels, pixels, resolution };
}
