/**
 * POST /api/v1/jobs/preview of an area job: the scenes and observations it will use, its grid and
 * the size of its output, from the plan validation made (nothing is read beyond COG headers).
 * Pure.
 */
import type { LocalJobPreview } from '../../jobs/area-job-types';
import type { AreaPlan } from './plan/area-plan';

export function areaPreview(plan: AreaPlan): LocalJobPreview {
  const { grid } = plan;
  return {
    type: plan.kind,
    scenes: plan.scenes.map((scene) => scene.id),
    observations: plan.observations.length,
    grid: { crs: grid.crs, width: grid.width, height: grid.height, resolution: plan.resolution },
    estimate: { output_pixels: grid.width * grid.height, input_bytes: null, local_seconds: null },
  };
}
