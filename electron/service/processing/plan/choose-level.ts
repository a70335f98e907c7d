/**
 * Which level of a COG to read for an output grid: the coarsest overview whose pixels are still
 * no larger than the output's (what GDAL does for a downsampled read), so a coarse `resolution`
 * reads a fraction of the bytes; full resolution otherwise. Pure.
 */
import type { GeoTransform } from '../../../../workers/lib/geo/geo-transform';
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import type { CogLevel, CogProbe } from '../grid/cog-probe';
import { gridExtent, transformExtent } from '../grid/footprint';
import { pixelSize } from '../grid/output-grid';
import { probeGrid } from './survey-scene';

/** The grid of one level, as GDAL places overviews: same extent, pixel size scaled by the size ratio. */
export function levelGrid(probe: CogProbe, level: CogLevel): RasterGrid {
  const [x0, w, , y0, , h] = probe.transform;
  const transform: GeoTransform = [x0, (w * probe.width) / level.width, 0, y0, 0, (h * probe.height) / level.height];
  return { crs: probe.crs, width: level.width, height: level.height, transform };
}

/** Output-CRS units per source-CRS unit along x, over the source's extent (1 in the same CRS). */
function unitRatio(probe: CogProbe, output: RasterGrid): number {
  if (probe.crs === output.crs) return 1;
  const source = gridExtent(probeGrid(probe));
  const there = transformExtent(source, probe.crs, output.crs);
  return there ? (there[2] - there[0]) / (source[2] - source[0]) : 1;
}

export function chooseLevel(probe: CogProbe, output: RasterGrid): CogLevel {
  const ratio = unitRatio(probe, output);
  const wanted = pixelSize(output) * (1 + 1e-6);
  let chosen = probe.levels[0];
  for (const level of probe.levels) {
    const size = pixelSize(levelGrid(probe, level)) * ratio;
    if (size <= wanted && level.width < chosen.width) chosen = level;
  }
  return chosen;
}
