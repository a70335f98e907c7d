/**
 * The processing engine: job kinds `ndvi`, `index` and `change` (api.md "Processing jobs"),
 * registered on the job queue by server.ts; the provenance item served by
 * GET /api/v1/jobs/{id}/item (http/routes/job-items.ts).
 */
import type { JobKind } from '../jobs/job-kind';
import { changeJob } from './kinds/change-kind';
import { indexJob, ndviJob } from './kinds/index-kinds';

export const PROCESSING_JOB_KINDS: JobKind[] = [ndviJob, indexJob, changeJob];

export { processingItem } from './provenance/processing-item';
export { isProcessingParams, type ProcessingParams } from './kinds/processing-params';
