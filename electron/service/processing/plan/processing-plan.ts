/**
 * A processing job's plan: everything decided at validation (bands, radiometry, masks, the output
 * grid, which COG level to read), stored as the job's params so a resumed job computes exactly
 * the same tiles and the provenance item can say how to re-run it. Plain JSON.
 */
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import type { MaskBand, ReflectanceBand, SceneRecipe, SourceBand } from '../../../../workers/protocol/scene-recipe';
import type { Bbox } from '../../stac/types';
import type { MaskChoice } from '../scene/mask-band';

export const PLAN_VERSION = 1;

export interface PlannedSource {
  asset: string;
  /** 0-based band within the asset's file. */
  sample: number;
  /** IFD read: 0 = full resolution, higher = an overview fine enough for the output. */
  image_index: number;
  /** Grid of that IFD. */
  grid: RasterGrid;
}

export interface PlannedBand extends PlannedSource {
  /** Expression identifier. */
  name: string;
  common_name: string | null;
  scale: number;
  offset: number;
  nodata: number | 'nan' | null;
}

export type PlannedMask = PlannedSource & MaskChoice;

export type SceneRole = 'scene' | 'before' | 'after';

export interface PlannedScene {
  role: SceneRole;
  id: string;
  datetime: string | null;
  platform: string | null;
  bands: PlannedBand[];
  mask: PlannedMask | null;
  /** Why there is or is not a mask (provenance). */
  mask_note: string;
}

export interface OutputBand {
  name: string;
  description: string;
  /** Overview resampling of the band in the COG. */
  resampling: 'average' | 'nearest';
}

export interface ProcessingPlan {
  v: typeof PLAN_VERSION;
  op: 'index' | 'change';
  expression: string;
  index: string | null;
  mask_clouds: boolean;
  threshold: number | null;
  scenes: PlannedScene[];
  grid: RasterGrid;
  epsg: number;
  /** WGS84 footprint of `grid`. */
  bbox: Bbox;
  bands: OutputBand[];
}

function sourceBand(sceneId: string, source: PlannedSource): SourceBand {
  return { scene: sceneId, asset: source.asset, imageIndex: source.image_index, sample: source.sample, grid: source.grid };
}

/** What the workers get for one scene: its bands named by scene id and asset key. */
export function sceneRecipe(plan: ProcessingPlan, scene: PlannedScene): SceneRecipe {
  const bands: Record<string, ReflectanceBand> = {};
  for (const band of scene.bands) {
    bands[band.name] = { ...sourceBand(scene.id, band), scaling: { scale: band.scale, offset: band.offset, nodata: band.nodata } };
  }
  let mask: MaskBand | null = null;
  if (scene.mask) {
    mask = { ...sourceBand(scene.id, scene.mask), kind: scene.mask.kind, invalidClasses: scene.mask.invalid_classes, invalidBits: scene.mask.invalid_bits };
  }
  return { expression: plan.expression, bands, mask };
}

export function planScene(plan: ProcessingPlan, role: SceneRole): PlannedScene {
  const scene = plan.scenes.find((s) => s.role === role);
  if (!scene) throw new Error(`plan has no ${role} scene`);
  return scene;
}
