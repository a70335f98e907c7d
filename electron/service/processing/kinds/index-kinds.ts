/**
 * Job kinds `ndvi` and `index` (api.md "Processing jobs"):
 *   {"type": "ndvi",  "scene": id, "bbox"?: [..], "mask_clouds"?: true, "resolution"?: m}
 *   {"type": "index", "scene": id, "index": "ndwi"|"nbr"|"evi"|"savi"|"ndvi" | "expression": "...", …same options}
 * Validation resolves the scene, binds the bands, reads the COG headers and plans the output grid;
 * running streams tiles through the worker pool into result.tif (engine/run-plan.ts).
 */
import type { JobKind } from '../../jobs/job-kind';
import type { ServiceContext } from '../../service-context';
import { bboxField, maskCloudsField, rejectUnknownKeys, resolutionField, sceneIdField } from '../params/body-fields';
import { indexChoice, indexOrExpression, type ExpressionChoice } from '../params/expression-field';
import { buildIndexPlan } from '../plan/build-plan';
import { surveyScene } from '../plan/survey-scene';
import { runPlan } from '../engine/run-plan';
import { processingStorageEstimate } from '../engine/storage-estimate';
import type { ProcessingParams } from './processing-params';

const COMMON_KEYS = ['scene', 'bbox', 'mask_clouds', 'resolution'];

async function validateIndexJob(body: Record<string, unknown>, service: ServiceContext, choice: ExpressionChoice): Promise<ProcessingParams> {
  const scene = sceneIdField(body, 'scene');
  const bbox = bboxField(body);
  const mask = maskCloudsField(body);
  const resolution = resolutionField(body);
  const survey = await surveyScene(service, scene, 'scene', choice, mask, service.shutdownSignal);
  const plan = buildIndexPlan(survey, choice, { bbox, resolution, maskClouds: mask.maskClouds });
  return {
    request: { scene, index: choice.index, expression: choice.index ? null : choice.expression, bbox, mask_clouds: mask.maskClouds, resolution },
    plan,
  };
}

export const ndviJob: JobKind<ProcessingParams> = {
  type: 'ndvi',
  resumable: true,
  async validate(body, service) {
    rejectUnknownKeys(body, COMMON_KEYS);
    return validateIndexJob(body, service, indexChoice('ndvi'));
  },
  run: (params, ctx) => runPlan(params.plan, ctx),
  estimateStorage: (params) => processingStorageEstimate(params.plan),
};

export const indexJob: JobKind<ProcessingParams> = {
  type: 'index',
  resumable: true,
  async validate(body, service) {
    rejectUnknownKeys(body, [...COMMON_KEYS, 'index', 'expression']);
    return validateIndexJob(body, service, indexOrExpression(body));
  },
  run: (params, ctx) => runPlan(params.plan, ctx),
  estimateStorage: (params) => processingStorageEstimate(params.plan),
};
