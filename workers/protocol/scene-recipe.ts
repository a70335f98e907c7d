/**
 * What a worker needs to compute one scene's index on any tile grid: the expression, each of its
 * identifiers bound to a band of a COG with the radiometric scaling to apply, and the cloud mask.
 * Plain data, built by the service (electron/service/processing/plan/) and stored with the job.
 * Bands are named by scene id and asset key; the worker reads their bytes over its task's port
 * (byte-read.ts), never by URL.
 */
import type { RadiometricScaling } from '../lib/radiometry';
import type { RasterGrid } from '../lib/raster-types';

/** A band of a COG as the workers read it. */
export interface SourceBand {
  /** API scene id, `<source>:<upstream id>`. */
  scene: string;
  /** Asset key of the COG within the scene. */
  asset: string;
  /** IFD index: 0 = full resolution, then overviews. */
  imageIndex: number;
  /** 0-based band within the file. */
  sample: number;
  /** Grid of that IFD. */
  grid: RasterGrid;
}

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
