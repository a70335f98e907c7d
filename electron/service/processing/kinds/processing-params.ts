/**
 * The params a processing job is stored with: the request as normalised by validation (what the
 * caller asked for) plus the plan derived from it (what will be computed, exactly).
 */
import type { Bbox } from '../../stac/types';
import type { ProcessingPlan } from '../plan/processing-plan';

export interface ProcessingParams extends Record<string, unknown> {
  request: {
    scene?: string;
    before?: string;
    after?: string;
    index: string | null;
    expression: string | null;
    threshold?: number;
    bbox: Bbox | null;
    mask_clouds: boolean;
    resolution: number | null;
  };
  plan: ProcessingPlan;
}

export function isProcessingParams(value: unknown): value is ProcessingParams {
  const v = value as Partial<ProcessingParams> | null;
  return !!v && typeof v.request === 'object' && typeof v.plan === 'object' && v.plan !== null && (v.plan as ProcessingPlan).v === 1 && typeof (v.plan as ProcessingPlan).op === 'string';
}
