/**
 * One scene of an observation on a target tile grid: each variable's DN brought onto the grid by
 * the cheapest exact route (same lattice: a window; else bilinear, NaN-aware, nodata excluded
 * first), then reflectance — DN × scale + offset in float64, stored as float32, then the band's
 * adjustment (HLS) — and the cloud mask (SCL classes or QA_PIXEL bits, always nearest; outside the
 * mask's raster counts as masked). For the greenest-pixel composite also the NDVI in float64
 * straight from the DN, so observations with equal NDVI stay equal (numpy's ties).
 */
import { applyAdjustment } from '../../lib/cube/hls-harmonize';
import { landsatQaInvalidMask, sclInvalidMask } from '../../lib/masks';
import { applyRadiometry, nodataValue } from '../../lib/radiometry';
import type { RasterGrid } from '../../lib/raster-types';
import type { AreaBand, AreaScene } from '../../protocol/area-tasks';
import type { MaskBand } from '../../protocol/scene-recipe';
import { bandOnGrid, type ReadContext } from '../grid/band-on-grid';
import { giveBack } from '../process/scratch';

export interface ScenePlanes {
  /** By variable, reflectance; from the thread's scratch pool (give them back when done). */
  values: Record<string, Float32Array>;
  /** 1 = masked by the scene's cloud mask; null when the scene is not masked. */
  masked: Uint8Array | null;
  /** (nir − red) / (nir + red) in float64, when asked for. */
  ndvi: Float64Array | null;
}

function dnOnGrid(band: AreaBand, target: RasterGrid, io: ReadContext): Promise<Float32Array> {
  const nodata = nodataValue(band.scaling.nodata);
  return bandOnGrid(band, target, 'bilinear', io, (raw) => {
    if (nodata !== undefined && !Number.isNaN(nodata)) for (let i = 0; i < raw.length; i++) if (raw[i] === nodata) raw[i] = NaN;
    return raw;
  });
}

/** value × scale + offset, then the adjustment, all in float64. */
function reflectance64(dn: number, band: AreaBand): number {
  const value = dn * (band.scaling.scale ?? 1) + (band.scaling.offset ?? 0);
  return band.adjust ? value * band.adjust.slope + band.adjust.offset : value;
}

function ndviOf(nir: Float32Array, nirBand: AreaBand, red: Float32Array, redBand: AreaBand): Float64Array {
  const out = new Float64Array(nir.length);
  for (let i = 0; i < out.length; i++) {
    const n = reflectance64(nir[i], nirBand);
    const r = reflectance64(red[i], redBand);
    out[i] = (n - r) / (n + r);
  }
  return out;
}

async function invalidMask(mask: MaskBand, target: RasterGrid, io: ReadContext): Promise<Uint8Array> {
  const values = await bandOnGrid(mask, target, 'nearest', io);
  const invalid = mask.kind === 'scl' ? sclInvalidMask(values, target, target, mask.invalidClasses) : landsatQaInvalidMask(values, { invalidBits: mask.invalidBits });
  giveBack(values);
  return invalid;
}

function bandOf(scene: AreaScene, name: string): AreaBand {
  const band = scene.bands[name];
  if (!band) throw new Error(`scene ${scene.id} has no band for variable '${name}'`);
  return band;
}

export async function scenePlanes(scene: AreaScene, variables: readonly string[], target: RasterGrid, io: ReadContext, withNdvi = false): Promise<ScenePlanes> {
  const [planes, masked] = await Promise.all([
    Promise.all(variables.map((name) => dnOnGrid(bandOf(scene, name), target, io))),
    scene.mask ? invalidMask(scene.mask, target, io) : Promise.resolve(null),
  ]);
  const values: Record<string, Float32Array> = {};
  variables.forEach((name, i) => { values[name] = planes[i]; });
  const ndvi = withNdvi ? ndviOf(values.nir, bandOf(scene, 'nir'), values.red, bandOf(scene, 'red')) : null;
  for (const name of variables) {
    const band = bandOf(scene, name);
    // NaN (nodata, outside) stays NaN: no nodata test needed any more.
    applyRadiometry(values[name], { scale: band.scaling.scale, offset: band.scaling.offset }, values[name]);
    if (band.adjust) applyAdjustment(values[name], band.adjust);
  }
  return { values, masked, ndvi };
}
