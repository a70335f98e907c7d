/**
 * What a worker needs to compute one scene's index on any tile grid: the expression, each of its
 * identifiers bound to a band of a COG with the radiometric scaling to apply, and the cloud mask.
 * Plain data, built by the service (electron/service/processing/plan/) and stored with the job.
 */
import type { RadiometricScaling } from '../../lib/radiometry';
import type { SourceBand } from '../grid/band-on-grid';

export interface ReflectanceBand extends SourceBand {
  scaling: RadiometricScaling;
}

export type MaskKind = 'scl' | 'landsat-qa';

export interface MaskBand extends SourceBand {
  kind: MaskKind;
  /** SCL classes that are invalid (kind `scl`). */
  invalidClasses?: number[];
  /** QA_PIXEL bits of which any set means invalid (kind `landsat-qa`). */
  invalidBits?: number;
}

export interface SceneRecipe {
  /** Band math over the keys of `bands` (workers/lib/expression). */
  expression: string;
  bands: Record<string, ReflectanceBand>;
  /** Pixels it marks invalid become NaN; null = no cloud masking. */
  mask: MaskBand | null;
}
