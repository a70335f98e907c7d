/**
 * The output grid of an area job (workers/lib/cube/area-grid.ts): the CRS asked for, else the UTM
 * zone of the area's centre; the resolution asked for, else the finest band the job reads among
 * its scenes; bounds of the area's densified outline aligned outward to whole multiples of the
 * resolution (gdalwarp -tap). A point is the one pixel of that lattice holding it. The outline,
 * projected, is what tiles rasterize for "inside the area". Beyond the pixel limit → 422 naming
 * the limit and the coarser resolution that fits.
 */
import { areaCrs, areaGrid, sizeCheck, utmCrsFor } from '../../../../../workers/lib/cube/area-grid';
import { projectArea, type AreaOfInterest as CubeArea } from '../../../../../workers/lib/cube/geometry';
import { createPointTransform, crsInfo } from '../../../../../workers/lib/geo/crs';
import type { RasterGrid } from '../../../../../workers/lib/raster-types';
import { unprocessable } from '../../../api/errors';
import type { AreaOfInterest } from '../../../jobs/area-job-types';
import { gridExtent, transformExtent } from '../../grid/footprint';
import { pixelSize } from '../../grid/output-grid';
import { probeGrid } from '../../plan/survey-scene';
import type { AreaSceneSurvey } from './survey-area-scene';

export interface AreaOutputGrid {
  grid: RasterGrid;
  resolution: number;
  /** The area in the grid's CRS: polygons of rings of [x, y]. */
  outline: number[][][][];
}

export interface PixelLimit {
  pixels: number;
  /** "1.5 gigapixels (1 500 000 000)" */
  text: string;
}

export const RASTER_PIXEL_LIMIT: PixelLimit = { pixels: 1.5e9, text: '1.5 gigapixels (1 500 000 000)' };
/** Time series keep every valid value of an entry for exact medians and percentiles. */
export const SERIES_PIXEL_LIMIT: PixelLimit = { pixels: 5e7, text: '50 megapixels (50 000 000)' };

/**
 * The finest pixel of the bands read, in the output CRS's units: between projected CRSs by their
 * units' lengths (10 m stays 10 m; in US survey feet it is 32.808… ft), to or from degrees by the
 * ratio of the scene's extent there.
 */
export function finestResolution(surveys: readonly AreaSceneSurvey[], crs: string): number {
  const output = crsInfo(crs);
  let finest = Infinity;
  for (const survey of surveys) {
    for (const band of survey.bands) {
      const grid = probeGrid(survey.probes.get(band.asset)!);
      const scene = crsInfo(grid.crs);
      let size = pixelSize(grid);
      if (scene.metresPerUnit !== null && output.metresPerUnit !== null) {
        size *= scene.metresPerUnit / output.metresPerUnit;
      } else if (scene.geographic !== output.geographic) {
        const source = gridExtent(grid);
        const there = transformExtent(source, grid.crs, crs);
        if (there) size *= (there[2] - there[0]) / (source[2] - source[0]);
      }
      finest = Math.min(finest, size);
    }
  }
  return finest;
}

/** The CRS of the job's grid (422 on `aoi` beyond UTM's latitudes without a crs). */
export function outputCrs(aoi: AreaOfInterest | [number, number], crs: string | undefined): string {
  try {
    if (Array.isArray(aoi) && aoi.length === 2) return crs ?? utmCrsFor(aoi[0], aoi[1]);
    return areaCrs(aoi as CubeArea, crs);
  } catch (error) {
    throw unprocessable('aoi', (error as Error).message);
  }
}

function pointGrid([lon, lat]: [number, number], crs: string, r: number): AreaOutputGrid {
  const out = new Float64Array(2);
  createPointTransform('EPSG:4326', crs)(lon, lat, out);
  if (!Number.isFinite(out[0]) || !Number.isFinite(out[1])) throw unprocessable('aoi', `[${lon}, ${lat}] cannot be projected to ${crs}`);
  const x0 = Math.floor(out[0] / r) * r;
  const y1 = Math.floor(out[1] / r) * r + r;
  const grid: RasterGrid = { crs, width: 1, height: 1, transform: [x0, r, 0, y1, 0, -r] };
  return { grid, resolution: r, outline: [[[[x0, y1 - r], [x0 + r, y1 - r], [x0 + r, y1], [x0, y1], [x0, y1 - r]]]] };
}

function checkSize(grid: RasterGrid, limit: PixelLimit, resolutionGiven: boolean): void {
  const excess = sizeCheck(grid, limit.pixels);
  if (!excess) return;
  const { unit } = crsInfo(grid.crs);
  throw unprocessable(resolutionGiven ? 'resolution' : 'aoi', `the area is ${grid.width} × ${grid.height} = ${excess.pixels.toLocaleString('en-US')} pixels per band at ${Math.abs(grid.transform[1])}${unit === '°' ? '' : ' '}${unit}, more than the limit of ${limit.text} per band; at resolution ${excess.resolution} it fits`);
}

export function areaOutputGrid(aoi: AreaOfInterest | [number, number], crs: string, resolution: number, limit: PixelLimit, resolutionGiven: boolean): AreaOutputGrid {
  if (Array.isArray(aoi) && aoi.length === 2) return pointGrid([aoi[0], aoi[1]], crs, resolution);
  let grid: RasterGrid;
  let outline: number[][][][];
  try {
    grid = areaGrid(aoi as CubeArea, { crs, resolution });
    checkSize(grid, limit, resolutionGiven);
    outline = projectArea(aoi as CubeArea, crs).coordinates;
  } catch (error) {
    if ((error as { name?: string }).name === 'AppError') throw error;
    throw unprocessable('aoi', (error as Error).message);
  }
  return { grid, resolution, outline };
}
