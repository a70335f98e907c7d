/**
 * The processing engine: job kinds `ndvi`, `index` and `change` (api.md "Processing jobs"),
 * built with their dependencies and registered on the job queue by server.ts; the provenance
 * item served by GET /api/v1/jobs/{id}/item (http/routes/job-items.ts).
 */
import type { JobKind } from '../jobs/job-kind';
import { changeJob } from './kinds/change-kind';
import { indexJob, ndviJob } from './kinds/index-kinds';
import type { ProcessingDeps } from './processing-deps';

export function processingJobKinds(deps: ProcessingDeps): JobKind[] {
  return [ndviJob(deps), indexJob(deps), changeJob(deps)];
}

export type { ProcessingDeps } from './processing-deps';
export { processingItem, rerunBody } from './provenance/processing-item';
export { isProcessingParams, type ProcessingParams } from './kinds/processing-params';
