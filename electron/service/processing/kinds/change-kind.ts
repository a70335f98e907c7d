/**
 * Job kind `change` (api.md): {"type": "change", "before": id, "after": id, "index"?: "ndvi",
 * "threshold"?: 0.2, "bbox"?: [..], "mask_clouds"?: true, "resolution"?: m}.
 * Output on the `after` scene's grid (cropped to the overlap and bbox); the `before` scene is
 * warped onto it when the grids differ (resolution, UTM zone, extent). Band 1 = index(after) −
 * index(before), band 2 = −1 / 0 / +1 at ±threshold; NaN where either scene is masked.
 */
import type { JobKind } from '../../jobs/job-kind';
import { invalidParameter } from '../../api/errors';
import { bboxField, maskCloudsField, rejectUnknownKeys, resolutionField, sceneIdField, thresholdField } from '../params/body-fields';
import { indexChoice } from '../params/expression-field';
import { buildChangePlan } from '../plan/build-plan';
import { surveyScene } from '../plan/survey-scene';
import { runProcessingJob } from '../engine/run-processing-job';
import { processingStorageEstimate } from '../engine/storage-estimate';
import type { ProcessingDeps } from '../processing-deps';
import type { ProcessingParams } from './processing-params';

export function changeJob(deps: ProcessingDeps): JobKind<ProcessingParams> {
  return {
    type: 'change',
    resumable: true,
    async validate(body) {
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
    },
    run: (params, ctx) => runProcessingJob(params.plan, ctx, deps),
    estimateStorage: (params) => processingStorageEstimate(params.plan),
  };
}
