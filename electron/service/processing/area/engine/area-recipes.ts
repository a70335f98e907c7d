/**
 * What the workers get from an area plan: each scene's recipe (its variables' bands with
 * radiometry, HLS adjustment and COG level; its mask), and per output tile only the observations
 * with a scene whose rasters reach the tile — a tile never reads a scene that misses it, and an
 * observation without such a scene is left out (it would add only no-data). Pure.
 */
import type { AreaBand, AreaObservation, AreaScene } from '../../../../../workers/protocol/area-tasks';
import type { MaskBand } from '../../../../../workers/protocol/scene-recipe';
import type { RasterGrid } from '../../../../../workers/lib/raster-types';
import { gridExtent, intersectExtents, type Extent } from '../../grid/footprint';
import type { AreaPlan, PlannedAreaScene } from '../plan/area-plan';

export function areaSceneRecipe(scene: PlannedAreaScene): AreaScene {
  const bands: Record<string, AreaBand> = {};
  for (const [name, band] of Object.entries(scene.bands)) {
    bands[name] = {
      scene: scene.id, asset: band.asset, imageIndex: band.image_index, sample: band.sample, grid: band.grid,
      scaling: { scale: band.scale, offset: band.offset, nodata: band.nodata }, adjust: band.adjust,
    };
  }
  let mask: MaskBand | null = null;
  if (scene.mask) {
    const m = scene.mask;
    mask = { scene: scene.id, asset: m.asset, imageIndex: m.image_index, sample: m.sample, grid: m.grid, kind: m.kind, invalidClasses: m.invalid_classes, invalidBits: m.invalid_bits };
  }
  return { id: scene.id, bands, mask };
}

function padded(extent: Extent, by: number): Extent {
  return [extent[0] - by, extent[1] - by, extent[2] + by, extent[3] + by];
}

export class AreaRecipes {
  private readonly scenes = new Map<string, { recipe: AreaScene; extent: Extent }>();

  constructor(private readonly plan: AreaPlan) {
    for (const scene of plan.scenes) this.scenes.set(scene.id, { recipe: areaSceneRecipe(scene), extent: scene.extent });
  }

  /** The plan's observations `indices` (all by default) that reach `tile`, in order, each with only the scenes that do. */
  observations(tile: RasterGrid, indices?: readonly number[]): AreaObservation[] {
    // Half a pixel more: a pixel centre on the scene's edge still takes its value.
    const bounds = padded(gridExtent(tile), Math.abs(this.plan.grid.transform[1]) / 2);
    const out: AreaObservation[] = [];
    for (const k of indices ?? this.plan.observations.keys()) {
      const scenes = this.plan.observations[k].scenes.map((id) => this.scenes.get(id)!).filter((s) => intersectExtents(s.extent, bounds) !== null).map((s) => s.recipe);
      if (scenes.length > 0) out.push({ scenes });
    }
    return out;
  }
}

/** from, from + 1, …, to − 1 */
export function indexRange(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
