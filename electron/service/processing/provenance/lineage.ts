/** The `processing:lineage` sentence of a result: how the pixels were made, in words. Pure. */
import type { PlannedScene, ProcessingPlan } from '../plan/processing-plan';

function bandsText(scene: PlannedScene): string {
  return scene.bands.map((band) => `${band.name} = ${band.asset}${band.sample > 0 ? ` band ${band.sample + 1}` : ''} × ${band.scale} + ${band.offset} (nodata ${band.nodata ?? 'none'})`).join('; ');
}

export function lineage(plan: ProcessingPlan): string {
  const grid = `${plan.grid.width}×${plan.grid.height} ${plan.grid.crs} grid, ${Math.abs(plan.grid.transform[1])} units/pixel`;
  const scenes = plan.scenes.map((scene) => `${scene.role} ${scene.id}: ${bandsText(scene)}; mask: ${scene.mask_note}`).join('. ');
  const what = plan.op === 'index'
    ? `${plan.expression} evaluated per pixel in float64 from float32 reflectance`
    : `band 1 = (${plan.expression})(after) − (${plan.expression})(before), band 2 = −1/0/+1 where band 1 < −${plan.threshold} / within / > ${plan.threshold}; the before scene resampled bilinearly (masks nearest) onto the after grid where they differ`;
  return `${what}, on a ${grid}. ${scenes}. NaN where any input is nodata or masked, or a division by zero. Written as a float32 COG (DEFLATE, floating-point predictor, 512×512 tiles, overviews).`;
}
