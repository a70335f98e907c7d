/** POST /api/v1/jobs/preview of a single-scene job (ndvi, index, scene-pair change): its scenes and grid. Pure. */
import type { LocalJobPreview } from '../../jobs/area-job-types';
import { pixelSize } from '../grid/output-grid';
import type { ProcessingParams } from './processing-params';

export function scenePreview(type: string, { plan }: ProcessingParams): LocalJobPreview {
  const { grid } = plan;
  return {
    type,
    scenes: plan.scenes.map((scene) => scene.id),
    observations: plan.scenes.length,
    grid: { crs: grid.crs, width: grid.width, height: grid.height, resolution: pixelSize(grid) },
    estimate: { output_pixels: grid.width * grid.height, input_bytes: null, local_seconds: null },
  };
}
