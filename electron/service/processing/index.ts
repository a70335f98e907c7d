/**
 * The processing engine: job kinds `ndvi`, `index` and `change` (api.md "Processing jobs") and the
 * area kinds `composite`, `timeseries` and the period form of `change` (api.md "Area jobs"),
 * built with their dependencies and registered on the job queue by server.ts; the provenance
 * item served by GET /api/v1/jobs/{id}/item (http/routes/job-items.ts).
 */
import type { JobKind } from '../jobs/job-kind';
import { compositeJob, timeseriesJob } from './area/kinds/area-kinds';
import { CogProbeCache } from './area/plan/probe-cache';
import type { SceneSearch } from './area/scenes/find-scenes';
import { changeJob } from './kinds/change-kind';
import { indexJob, ndviJob } from './kinds/index-kinds';
import type { ProcessingDeps } from './processing-deps';

export function processingJobKinds(deps: ProcessingDeps & { search: SceneSearch }): JobKind[] {
  const area = { ...deps, probes: new CogProbeCache(deps.bytes) };
  return [ndviJob(deps), indexJob(deps), changeJob(area), compositeJob(area), timeseriesJob(area)];
}

export type { ProcessingDeps } from './processing-deps';
export { processingItem } from './provenance/processing-item';
export { areaItem } from './area/provenance/area-item';
export { isProcessingParams, type ProcessingParams } from './kinds/processing-params';
export { isAreaParams, type AreaParams } from './area/plan/area-plan';
export { SERIES_CSV_FILE, SERIES_JSON_FILE } from './area/engine/timeseries-files';
export type { SceneSearch } from './area/scenes/find-scenes';
