/**
 * One surveyed scene as the plan stores it, for an output grid: per variable its band (asset,
 * radiometry, the COG level fine enough for the grid and that level's grid) and HLS adjustment,
 * its mask, and where its rasters lie in the output CRS. Pure.
 */
import { hlsAdjustment, isHlsPlatform } from '../../../../../workers/lib/cube/hls-harmonize';
import type { RasterGrid } from '../../../../../workers/lib/raster-types';
import type { BandAdjustment } from '../../../../../workers/protocol/area-tasks';
import { gridExtent, transformExtent, type Extent } from '../../grid/footprint';
import { chooseLevel, levelGrid } from '../../plan/choose-level';
import type { PlannedSource } from '../../plan/processing-plan';
import type { PlannedAreaBand, PlannedAreaScene } from './area-plan';
import type { AreaSceneSurvey } from './survey-area-scene';

function source(survey: AreaSceneSurvey, asset: string, sample: number, output: RasterGrid): PlannedSource {
  const probe = survey.probes.get(asset)!;
  const level = chooseLevel(probe, output);
  return { asset, sample, image_index: level.image_index, grid: levelGrid(probe, level) };
}

/** Landsat 8/9 OLI bands adjusted to Sentinel-2A MSI (HLS); other platforms and bands untouched. */
export function hlsOf(platform: string, commonName: string | null, harmonize: boolean): BandAdjustment | null {
  if (!harmonize || !commonName || !isHlsPlatform(platform)) return null;
  const line = hlsAdjustment(platform, commonName, 'msi');
  return line ? { slope: line.slope, offset: line.offset } : null;
}

function union(a: Extent | null, b: Extent | null): Extent | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function plannedAreaScene(survey: AreaSceneSurvey, output: RasterGrid, harmonize: boolean): PlannedAreaScene {
  const bands: Record<string, PlannedAreaBand> = {};
  let extent: Extent | null = null;
  for (const band of survey.bands) {
    const read = source(survey, band.asset, band.sample, output);
    bands[band.name] = { ...band, ...read, adjust: hlsOf(survey.platform, band.common_name, harmonize) };
    extent = union(extent, transformExtent(gridExtent(read.grid), read.grid.crs, output.crs));
  }
  const mask = survey.mask ? { ...survey.mask, ...source(survey, survey.mask.asset, 0, output) } : null;
  return {
    id: survey.id,
    source: survey.source,
    platform: survey.platform,
    datetime: survey.datetime,
    collection: survey.collection,
    bands,
    mask,
    mask_note: survey.maskNote,
    // Never null for a scene the search found over the area; an empty box keeps it out of every tile.
    extent: extent ?? [0, 0, 0, 0],
  };
}
