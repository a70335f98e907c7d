/**
 * One scene of an observation on a target tile grid: each variable as reflectance — DN × scale +
 * offset, NaN for nodata, then the band's adjustment (HLS) — brought onto the grid by the
 * cheapest exact route (same lattice: a window; else bilinear, NaN-aware), and the cloud mask
 * (SCL classes or QA_PIXEL bits, always nearest; outside the mask's raster counts as masked).
 */
import { applyAdjustment } from '../../lib/cube/hls-harmonize';
import { landsatQaInvalidMask, sclInvalidMask } from '../../lib/masks';
import { applyRadiometry } from '../../lib/radiometry';
import type { RasterGrid } from '../../lib/raster-types';
import type { AreaBand, AreaScene } from '../../protocol/area-tasks';
import type { MaskBand } from '../../protocol/scene-recipe';
import { bandOnGrid, type ReadContext } from '../grid/band-on-grid';
import { giveBack } from '../process/scratch';

export interface ScenePlanes {
  /** By variable; from the thread's scratch pool (give them back when done). */
  values: Record<string, Float32Array>;
  /** 1 = masked by the scene's cloud mask; null when the scene is not masked. */
  masked: Uint8Array | null;
}

function reflectance(band: AreaBand, target: RasterGrid, io: ReadContext): Promise<Float32Array> {
  return bandOnGrid(band, target, 'bilinear', io, (raw) => {
    applyRadiometry(raw, band.scaling, raw);
    return band.adjust ? applyAdjustment(raw, band.adjust) : raw;
  });
}

async function invalidMask(mask: MaskBand, target: RasterGrid, io: ReadContext): Promise<Uint8Array> {
  const values = await bandOnGrid(mask, target, 'nearest', io);
  const invalid = mask.kind === 'scl' ? sclInvalidMask(values, target, target, mask.invalidClasses) : landsatQaInvalidMask(values, { invalidBits: mask.invalidBits });
  giveBack(values);
  return invalid;
}

export async function scenePlanes(scene: AreaScene, variables: readonly string[], target: RasterGrid, io: ReadContext): Promise<ScenePlanes> {
  const [planes, masked] = await Promise.all([
    Promise.all(variables.map((name) => {
      const band = scene.bands[name];
      if (!band) throw new Error(`scene ${scene.id} has no band for variable '${name}'`);
      return reflectance(band, target, io);
    })),
    scene.mask ? invalidMask(scene.mask, target, io) : Promise.resolve(null),
  ]);
  const values: Record<string, Float32Array> = {};
  variables.forEach((name, i) => { values[name] = planes[i]; });
  return { values, masked };
}
