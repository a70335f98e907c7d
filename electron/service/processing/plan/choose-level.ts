/**
 * Which level of a COG to read for an output grid: the overview gdalwarp would read (its
 * `-ovr AUTO`: about as fine as the output, never much coarser), so a coarse `resolution` reads a
 * fraction of the bytes; full resolution otherwise. Pure.
 */
import type { GeoTransform } from '../../../../workers/lib/geo/geo-transform';
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import type { CogLevel, CogProbe } from '../grid/cog-probe';
import { createPointTransform } from '../../../../workers/lib/geo/crs';
import { gridExtent } from '../grid/footprint';
import { pixelSize } from '../grid/output-grid';
import { probeGrid } from './survey-scene';

/** The grid of one level, as GDAL places overviews: same extent, pixel size scaled by the size ratio. */
export function levelGrid(probe: CogProbe, level: CogLevel): RasterGrid {
  const [x0, w, , y0, , h] = probe.transform;
  const transform: GeoTransform = [x0, (w * probe.width) / level.width, 0, y0, 0, (h * probe.height) / level.height];
  return { crs: probe.crs, width: level.width, height: level.height, transform };
}

/**
 * Output-CRS units per source-CRS unit (1 in the same CRS), measured along the source extent's
 * diagonal as GDAL's suggested warp output does, so a rotation between CRSs (another UTM zone)
 * does not count as a coarser pixel.
 */
function unitRatio(probe: CogProbe, output: RasterGrid): number {
  if (probe.crs === output.crs) return 1;
  const [x0, y0, x1, y1] = gridExtent(probeGrid(probe));
  const transform = createPointTransform(probe.crs, output.crs);
  const a = new Float64Array(2);
  const b = new Float64Array(2);
  transform(x0, y1, a);
  transform(x1, y0, b);
  const there = Math.hypot(b[0] - a[0], b[1] - a[1]);
  return Number.isFinite(there) && there > 0 ? there / Math.hypot(x1 - x0, y1 - y0) : 1;
}

/** Relative difference of two ratios taken as none. */
const SAME_RATIO = 1e-3;

/**
 * gdalwarp's `-ovr AUTO` choice (apps/gdalwarp_lib.cpp): with the target ratio = output pixel /
 * source pixel (in output units), the overview whose ratio lies just below it while the next one
 * lies above, or whose ratio is within 0.1 of it; full resolution when the output is not coarser.
 */
export function chooseLevel(probe: CogProbe, output: RasterGrid): CogLevel {
  const [full, ...overviews] = probe.levels;
  const targetRatio = pixelSize(output) / (pixelSize(probeGrid(probe)) * unitRatio(probe, output));
  if (!(targetRatio > 1) || overviews.length === 0) return full;
  const ratioOf = (i: number) => (i < 0 ? 1 : probe.width / overviews[i].width);
  let i = -1;
  for (; i < overviews.length - 1; i++) {
    // A ratio off by less than the scale-factor difference of two map projections (UTM zones differ
    // by < 0.1 %) is that overview's: gdalwarp reads the 20 m overview for a 20 m grid in the next zone.
    if (Math.abs(ratioOf(i + 1) - targetRatio) < SAME_RATIO * targetRatio) {
      i += 1;
      break;
    }
    if (ratioOf(i) < targetRatio && ratioOf(i + 1) > targetRatio) break;
    if (Math.abs(ratioOf(i) - targetRatio) < 0.1) break;
  }
  return i < 0 ? full : overviews[i];
}
