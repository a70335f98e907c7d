/**
 * Job kinds `ndvi` and `index` (api.md "Processing jobs"):
 *   {"type": "ndvi",  "scene": id, "bbox"?: [..], "mask_clouds"?: true, "resolution"?: m}
 *   {"type": "index", "scene": id, "index": "ndwi"|"nbr"|"evi"|"savi"|"ndvi" | "expression": "...", …same options}
 * Validation resolves the scene, binds the bands, reads the COG headers and plans the output grid;
 * running streams tiles through the worker pool into result.tif (engine/run-processing-job.ts).
 */
import type { JobKind } from '../../jobs/job-kind';
import { bboxField, maskCloudsField, rejectUnknownKeys, resolutionField, sceneIdField } from '../params/body-fields';
import { indexChoice, indexOrExpression, type ExpressionChoice } from '../params/expression-field';
import { buildIndexPlan } from '../plan/build-plan';
import { surveyScene } from '../plan/survey-scene';
import { runProcessingJob } from '../engine/run-processing-job';
import { processingStorageEstimate } from '../engine/storage-estimate';
import type { ProcessingDeps } from '../processing-deps';
import type { ProcessingParams } from './processing-params';
import { scenePreview } from './scene-preview';

const COMMON_KEYS = ['scene', 'bbox', 'mask_clouds', 'resolution'];

async function validateIndexJob(body: Record<string, unknown>, deps: ProcessingDeps, choice: ExpressionChoice): Promise<ProcessingParams> {
  const scene = sceneIdField(body, 'scene');
  const bbox = bboxField(body);
  const mask = maskCloudsField(body);
  const resolution = resolutionField(body);
  const survey = await surveyScene(deps, scene, 'scene', choice, mask, deps.shutdownSignal);
  const plan = buildIndexPlan(survey, choice, { bbox, resolution, maskClouds: mask.maskClouds });
  return {
    request: { scene, index: choice.index, expression: choice.index ? null : choice.expression, bbox, mask_clouds: mask.maskClouds, resolution },
    plan,
  };
}

export function ndviJob(deps: ProcessingDeps): JobKind<ProcessingParams> {
  return {
    type: 'ndvi',
    resumable: true,
    async validate(body) {
      rejectUnknownKeys(body, COMMON_KEYS);
      return validateIndexJob(body, deps, indexChoice('ndvi'));
    },
    run: (params, ctx) => runProcessingJob(params.plan, ctx, deps),
    estimateStorage: (params) => processingStorageEstimate(params.plan),
    preview: (params) => scenePreview('ndvi', params),
  };
}

export function indexJob(deps: ProcessingDeps): JobKind<ProcessingParams> {
  return {
    type: 'index',
    resumable: true,
    async validate(body) {
      rejectUnknownKeys(body, [...COMMON_KEYS, 'index', 'expression']);
      return validateIndexJob(body, deps, indexOrExpression(body));
    },
    run: (params, ctx) => runProcessingJob(params.plan, ctx, deps),
    estimateStorage: (params) => processingStorageEstimate(params.plan),
    preview: (params) => scenePreview('index', params),
  };
}
