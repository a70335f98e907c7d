/**
 * The disk a processing run can take at its peak, from its plan (admission, jobs/job-admission.ts):
 * the COG writer's spool and file (float32, every tile incompressible) plus the tile journal, which
 * holds the same full-resolution blocks with a small header per tile until the result is complete.
 */
import { cogWriteFootprint } from '../../raster/cog-writer';
import type { ProcessingPlan } from '../plan/processing-plan';
import { OUTPUT_TILE_SIZE, tileCount } from './tile-layout';

const FLOAT32_BYTES = 4;

export function processingStorageEstimate(plan: Pick<ProcessingPlan, 'grid' | 'bands'>): number {
  const bands = plan.bands.length;
  const cog = cogWriteFootprint({ width: plan.grid.width, height: plan.grid.height, bands, bytesPerSample: FLOAT32_BYTES, tileSize: OUTPUT_TILE_SIZE });
  const journalHeaders = tileCount(plan.grid) * (16 + 4 * bands);
  return cog.fileBytes + cog.spoolBytes + cog.fullResolutionBytes + journalHeaders;
}
