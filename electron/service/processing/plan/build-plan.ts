/**
 * From validated request fields and surveyed scenes to a ProcessingPlan: the output grid (finest
 * band grid of the scene — the `after` scene for change — cropped to the bbox and to the other
 * scene, optionally resampled), and for every band the COG level to read. The 422s of
 * validation that need pixels' whereabouts are raised here: a bbox outside the scene, two scenes
 * that do not overlap, an output too large.
 */
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import type { Bbox } from '../../stac/types';
import { unprocessable } from '../../api/errors';
import type { ExpressionChoice } from '../params/expression-field';
import { bboxToExtent, gridBboxWgs84, gridExtent, transformExtent } from '../grid/footprint';
import { cropGrid, withResolution } from '../grid/output-grid';
import { chooseLevel, levelGrid } from './choose-level';
import { PLAN_VERSION, type OutputBand, type PlannedScene, type PlannedSource, type ProcessingPlan, type SceneRole } from './processing-plan';
import { surveyGrid, type SceneSurvey } from './survey-scene';

/** Output pixels at most (≈ 12 full 10 m Sentinel-2 tiles); beyond that ask for a coarser `resolution`. */
export const MAX_OUTPUT_PIXELS = 1.5e9;

export interface OutputRequest {
  bbox: Bbox | null;
  resolution: number | null;
  maskClouds: boolean;
}

function source(survey: SceneSurvey, asset: string, sample: number, output: RasterGrid): PlannedSource {
  const probe = survey.probes.get(asset)!;
  const level = chooseLevel(probe, output);
  return { asset, sample, image_index: level.image_index, grid: levelGrid(probe, level) };
}

function plannedScene(survey: SceneSurvey, role: SceneRole, output: RasterGrid): PlannedScene {
  const { item } = survey;
  return {
    role,
    id: survey.id,
    datetime: typeof item.properties.datetime === 'string' ? item.properties.datetime : null,
    platform: typeof item.properties.platform === 'string' ? item.properties.platform : null,
    bands: survey.bands.map((band) => ({ ...band, ...source(survey, band.asset, band.sample, output) })),
    mask: survey.mask ? { ...survey.mask, ...source(survey, survey.mask.asset, 0, output) } : null,
    mask_note: survey.maskNote,
  };
}

function sceneBboxText(grid: RasterGrid): string {
  return `[${gridBboxWgs84(grid).map((v) => v.toFixed(4)).join(', ')}]`;
}

function cropToBbox(grid: RasterGrid, bbox: Bbox | null, what: string): RasterGrid {
  if (!bbox) return grid;
  const extent = bboxToExtent(bbox, grid.crs);
  const cropped = extent && cropGrid(grid, extent);
  if (!cropped) throw unprocessable('bbox', `[${bbox.join(', ')}] does not overlap ${what}, which covers ${sceneBboxText(grid)}`);
  return cropped;
}

function finalGrid(grid: RasterGrid, resolution: number | null): RasterGrid {
  const out = resolution === null ? grid : withResolution(grid, resolution);
  if (out.width * out.height > MAX_OUTPUT_PIXELS) {
    throw unprocessable(resolution === null ? 'bbox' : 'resolution', `the output would be ${out.width}×${out.height} pixels; at most ${MAX_OUTPUT_PIXELS.toExponential(1)} — use a smaller bbox or a coarser resolution`);
  }
  return out;
}

function epsgOf(grid: RasterGrid): number {
  return Number(grid.crs.slice('EPSG:'.length));
}

export function buildIndexPlan(survey: SceneSurvey, choice: ExpressionChoice, request: OutputRequest): ProcessingPlan {
  const grid = finalGrid(cropToBbox(surveyGrid(survey), request.bbox, `scene ${survey.id}`), request.resolution);
  const band: OutputBand = { name: choice.index ?? 'value', description: choice.index ?? choice.expression, resampling: 'average' };
  return {
    v: PLAN_VERSION, op: 'index', expression: choice.expression, index: choice.index, mask_clouds: request.maskClouds, threshold: null,
    scenes: [plannedScene(survey, 'scene', grid)], grid, epsg: epsgOf(grid), bbox: gridBboxWgs84(grid), bands: [band],
  };
}

export function buildChangePlan(before: SceneSurvey, after: SceneSurvey, choice: ExpressionChoice, threshold: number, request: OutputRequest): ProcessingPlan {
  const afterGrid = surveyGrid(after);
  const beforeGrid = surveyGrid(before);
  const beforeExtent = transformExtent(gridExtent(beforeGrid), beforeGrid.crs, afterGrid.crs);
  const overlap = beforeExtent && cropGrid(afterGrid, beforeExtent);
  if (!overlap) {
    throw unprocessable('before', `scenes ${before.id} (${sceneBboxText(beforeGrid)}) and ${after.id} (${sceneBboxText(afterGrid)}) do not overlap`);
  }
  const grid = finalGrid(cropToBbox(overlap, request.bbox, `the overlap of ${before.id} and ${after.id}`), request.resolution);
  const name = choice.index ?? 'value';
  const bands: OutputBand[] = [
    { name: `${name}_difference`, description: `${name}(after) - ${name}(before)`, resampling: 'average' },
    { name: 'change_class', description: `-1 loss / 0 no change / +1 gain at ±${threshold}`, resampling: 'nearest' },
  ];
  return {
    v: PLAN_VERSION, op: 'change', expression: choice.expression, index: choice.index, mask_clouds: request.maskClouds, threshold,
    scenes: [plannedScene(before, 'before', grid), plannedScene(after, 'after', grid)], grid, epsg: epsgOf(grid), bbox: gridBboxWgs84(grid), bands,
  };
}
