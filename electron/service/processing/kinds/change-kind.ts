/**
 * Job kind `change` (api.md), in two forms:
 * - scene pair: {"type": "change", "before": id, "after": id, "index"?: "ndvi", "threshold"?: 0.2,
 *   "bbox"?: [..], "mask_clouds"?: true, "resolution"?: m}. Output on the `after` scene's grid
 *   (cropped to the overlap and bbox); the `before` scene is warped onto it when the grids differ.
 * - periods (spec-15): {"type": "change", "before": {"datetime": …}, "after": {"datetime": …},
 *   "aoi": …, …} — two composites of the area on one grid (processing/area/).
 * Band 1 = index(after) − index(before), band 2 = −1 / 0 / +1 at ±threshold; NaN where either
 * side has no value.
 */
import type { JobKind } from '../../jobs/job-kind';
import type { AreaDeps } from '../area/area-deps';
import { areaPreview } from '../area/area-preview';
import { areaStorageEstimate, runAreaJob, validateAreaJob } from '../area/kinds/area-kinds';
import { isAreaParams, type AreaParams } from '../area/plan/area-plan';
import { isPeriodChangeBody } from '../area/request/area-request';
import { invalidParameter } from '../../api/errors';
import { bboxField, maskCloudsField, rejectUnknownKeys, resolutionField, sceneIdField, thresholdField } from '../params/body-fields';
import { indexChoice } from '../params/expression-field';
import { buildChangePlan } from '../plan/build-plan';
import { surveyScene } from '../plan/survey-scene';
import { runProcessingJob } from '../engine/run-processing-job';
import { processingStorageEstimate } from '../engine/storage-estimate';
import type { ProcessingDeps } from '../processing-deps';
import type { ProcessingParams } from './processing-params';
import { scenePreview } from './scene-preview';

async function validateScenePair(body: Record<string, unknown>, deps: ProcessingDeps): Promise<ProcessingParams> {
  rejectUnknownKeys(body, ['before', 'after', 'index', 'threshold', 'bbox', 'mask_clouds', 'resolution']);
  const before = sceneIdField(body, 'before');
  const after = sceneIdField(body, 'after');
  if (before === after) throw invalidParameter('after', 'must be another scene than before');
  const choice = indexChoice(body.index ?? 'ndvi');
  const threshold = thresholdField(body);
  const bbox = bboxField(body);
  const mask = maskCloudsField(body);
  const resolution = resolutionField(body);
  const signal = deps.shutdownSignal;
  const [beforeSurvey, afterSurvey] = await Promise.all([
    surveyScene(deps, before, 'before', choice, mask, signal),
    surveyScene(deps, after, 'after', choice, mask, signal),
  ]);
  const plan = buildChangePlan(beforeSurvey, afterSurvey, choice, threshold, { bbox, resolution, maskClouds: mask.maskClouds });
  return {
    request: { before, after, index: choice.index, expression: null, threshold, bbox, mask_clouds: mask.maskClouds, resolution },
    plan,
  };
}

export function changeJob(deps: AreaDeps): JobKind<ProcessingParams | AreaParams> {
  return {
    type: 'change',
    resumable: true,
    validate: (body) => (isPeriodChangeBody(body) ? validateAreaJob('change', body, deps) : validateScenePair(body, deps)),
    run: (params, ctx) => (isAreaParams(params) ? runAreaJob(params, ctx, deps) : runProcessingJob(params.plan, ctx, deps)),
    estimateStorage: (params) => (isAreaParams(params) ? areaStorageEstimate(params) : processingStorageEstimate(params.plan)),
    preview: (params) => (isAreaParams(params) ? areaPreview(params.plan) : scenePreview('change', params)),
  };
}
