/**
 * From an area job's canonical request to its plan: the scenes (find-scenes.ts; for a period
 * change each period's), each surveyed (bands, mask, COG headers), the output grid (CRS, finest
 * band or the resolution asked for, aligned bounds, the limit), the observations and — for time
 * series — the entries, what each tile computes, and how many rows of a tile a median holds at
 * once. Validation errors (400/422) come from here, before anything is queued.
 */
import { describeHarmonization, isHlsPlatform, type HarmonizationRecord } from '../../../../../workers/lib/cube/hls-harmonize';
import type { CompositeReducer } from '../../../../../workers/protocol/area-tasks';
import type { AreaJobRequest } from '../../../jobs/area-job-types';
import type { StacItem } from '../../../stac/types';
import { forEachInLanes } from '../../engine/bounded-lanes';
import { gridBboxWgs84 } from '../../grid/footprint';
import { OUTPUT_TILE_SIZE } from '../../engine/tile-layout';
import type { OutputBand } from '../../plan/processing-plan';
import { valuePlanOf, type ValuePlan } from '../request/value-plan';
import { findScenes, type SceneSearch, type SceneSelection } from '../scenes/find-scenes';
import { AREA_PLAN_VERSION, type AreaPlan, type PlannedObservation } from './area-plan';
import { areaOutputGrid, finestResolution, outputCrs, RASTER_PIXEL_LIMIT, SERIES_PIXEL_LIMIT } from './area-output-grid';
import { observationsOf, seriesOf } from './observations';
import { plannedAreaScene } from './planned-scene';
import type { CogProbeCache } from './probe-cache';
import { surveyAreaScene, type AreaSceneSurvey } from './survey-area-scene';

export interface AreaPlanDeps {
  search: SceneSearch;
  probes: CogProbeCache;
}

/** Memory a tile's median stack may take in one worker task (rows × width × observations × outputs × 4 B). */
export const MEDIAN_STACK_BUDGET_BYTES = 96 * 1024 * 1024;
const SURVEY_LANES = 8;

function selection(request: AreaJobRequest, datetime: string): SceneSelection {
  return { aoi: request.aoi, datetime, sources: request.sources, collections: request.collections, cloud_cover_lt: request.cloud_cover_lt };
}

async function surveyAll(items: readonly StacItem[], value: ValuePlan, maskClouds: boolean, probes: CogProbeCache, signal?: AbortSignal): Promise<Map<string, AreaSceneSurvey>> {
  const surveys = new Map<string, AreaSceneSurvey>();
  await forEachInLanes(items, SURVEY_LANES, async (item) => {
    surveys.set(item.id, await surveyAreaScene(probes, item, value.values.variables, value.parameter, maskClouds, signal));
  }, () => undefined);
  // In the search's order, whatever order the surveys finished in.
  return new Map(items.map((item) => [item.id, surveys.get(item.id)!]));
}

function outputBands(request: AreaJobRequest, value: ValuePlan): OutputBand[] {
  const [first] = value.values.outputs;
  if (request.type === 'change') {
    return [
      { name: `${first.name}_difference`, description: `${first.name}(after) - ${first.name}(before), each the ${request.reducer} of its period`, resampling: 'average' },
      { name: 'change_class', description: `-1 loss / 0 no change / +1 gain at ±${request.threshold}`, resampling: 'nearest' },
    ];
  }
  if (request.type === 'timeseries') return [];
  const counts = request.reducer === 'count';
  const bands: OutputBand[] = value.values.outputs.map((o) => ({
    name: o.name, description: `${request.reducer} of ${o.expression ?? o.name} over the observations`, resampling: counts ? 'nearest' : 'average',
  }));
  if (request.valid_count) bands.push({ name: 'valid_count', description: 'valid observations per pixel', resampling: 'nearest' });
  return bands;
}

function harmonizationOf(surveys: readonly AreaSceneSurvey[], harmonize: boolean): HarmonizationRecord[] {
  if (!harmonize) return [];
  const byPlatform = new Map<string, Set<string>>();
  for (const survey of surveys) {
    if (!isHlsPlatform(survey.platform)) continue;
    const names = byPlatform.get(survey.platform) ?? new Set<string>();
    for (const band of survey.bands) names.add(band.common_name ?? band.name);
    byPlatform.set(survey.platform, names);
  }
  return [...byPlatform].sort(([a], [b]) => (a < b ? -1 : 1)).map(([platform, names]) => describeHarmonization(platform, [...names], 'msi'));
}

function stripRows(reducer: CompositeReducer, observations: number, outputs: number): number {
  if (reducer !== 'median') return OUTPUT_TILE_SIZE;
  const rowBytes = OUTPUT_TILE_SIZE * 4 * Math.max(1, observations) * outputs;
  return Math.max(1, Math.min(OUTPUT_TILE_SIZE, Math.floor(MEDIAN_STACK_BUDGET_BYTES / rowBytes)));
}

export async function buildAreaPlan(request: AreaJobRequest, deps: AreaPlanDeps, signal?: AbortSignal): Promise<AreaPlan> {
  const value = valuePlanOf(request);
  const maskClouds = request.mask_clouds ?? true;
  const harmonize = request.harmonize === 'hls';
  const periods = request.type === 'change'
    ? [await findScenes(deps.search, selection(request, request.before.datetime), 'before', signal), await findScenes(deps.search, selection(request, request.after.datetime), 'after', signal)]
    : [await findScenes(deps.search, selection(request, request.datetime), 'aoi', signal)];
  const items = [...new Map(periods.flat().map((item) => [item.id, item])).values()];
  const surveys = await surveyAll(items, value, maskClouds, deps.probes, signal);
  const crs = outputCrs(request.aoi, request.crs);
  const resolution = request.resolution ?? finestResolution([...surveys.values()], crs);
  const limit = request.type === 'timeseries' ? SERIES_PIXEL_LIMIT : RASTER_PIXEL_LIMIT;
  const { grid, outline } = areaOutputGrid(request.aoi, crs, resolution, limit, request.resolution !== undefined);
  const groups = periods.map((found) => observationsOf(found.map((item) => surveys.get(item.id)!)));
  const observations: PlannedObservation[] = groups.flat();
  const reducer: CompositeReducer = request.type === 'timeseries' ? (request.period === 'day' ? 'first' : 'median') : request.reducer ?? 'median';
  const series = request.type === 'timeseries' ? seriesOf(observations, request.period ?? 'day') : null;
  const deepest = series ? Math.max(...series.map((entry) => entry.observations.length)) : Math.max(...groups.map((g) => g.length));
  const outputs = request.type === 'change' ? 1 : value.values.outputs.length;
  return {
    v: AREA_PLAN_VERSION,
    family: 'area',
    kind: request.type,
    grid,
    epsg: Number(grid.crs.slice('EPSG:'.length)),
    resolution,
    bbox: gridBboxWgs84(grid),
    outline,
    values: value.values,
    reducer,
    valid_count: request.type === 'composite' && request.valid_count === true,
    threshold: request.type === 'change' ? (request.threshold ?? 0.2) : null,
    period: request.type === 'timeseries' ? (request.period ?? 'day') : null,
    mask_clouds: maskClouds,
    harmonize: harmonize ? 'hls' : null,
    harmonization: harmonizationOf([...surveys.values()], harmonize),
    scenes: [...surveys.values()].map((survey) => plannedAreaScene(survey, grid, harmonize)),
    observations,
    before_observations: request.type === 'change' ? groups[0].length : null,
    series,
    bands: outputBands(request, value),
    strip_rows: stripRows(reducer, deepest, outputs),
  };
}
