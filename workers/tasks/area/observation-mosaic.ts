/**
 * One observation (a platform's pass on a solar day) on a target tile grid: its scenes mosaicked
 * in order, first valid wins — a scene's pixel is valid where every variable is a number and its
 * cloud mask allows it, and the first valid scene gives all the variables there. A pixel is
 * cloud-masked when no scene is valid there but one had every variable and was masked (what
 * `cloud_fraction` counts). Scenes after the tile is filled are not read.
 */
import type { RasterGrid } from '../../lib/raster-types';
import type { AreaObservation } from '../../protocol/area-tasks';
import type { ReadContext } from '../grid/band-on-grid';
import { giveBack, takeFloat32 } from '../process/scratch';
import { scenePlanes } from './scene-planes';

export interface Mosaic {
  /** By variable, NaN where no scene is valid; from the scratch pool. */
  values: Record<string, Float32Array>;
  /** 1 = cloud-masked (no valid scene, one masked with data). */
  cloud: Uint8Array;
  /** The valid scene's NDVI in float64 (NaN where none), when asked for. */
  ndvi: Float64Array | null;
}

/**
 * A pass of one scene (most observations): its planes are the mosaic, once every variable is made
 * NaN wherever the pixel is not valid — some variable missing, or cloud-masked.
 */
async function singleSceneMosaic(observation: AreaObservation, variables: readonly string[], target: RasterGrid, io: ReadContext, withNdvi: boolean): Promise<Mosaic> {
  const n = target.width * target.height;
  const planes = await scenePlanes(observation.scenes[0], variables, target, io, withNdvi);
  const sources = variables.map((name) => planes.values[name]);
  const first = sources[0];
  const masked = planes.masked;
  const ndvi = planes.ndvi;
  const cloud = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let data = first[i] === first[i];
    for (let k = 1; data && k < sources.length; k++) data = sources[k][i] === sources[k][i];
    const cloudy = data && masked !== null && masked[i] !== 0;
    if (data && !cloudy) continue;
    if (cloudy) cloud[i] = 1;
    for (let k = 0; k < sources.length; k++) sources[k][i] = NaN;
    if (ndvi) ndvi[i] = NaN;
  }
  return { values: planes.values, cloud, ndvi };
}

export async function mosaicObservation(observation: AreaObservation, variables: readonly string[], target: RasterGrid, io: ReadContext, withNdvi = false): Promise<Mosaic> {
  if (observation.scenes.length === 1) return singleSceneMosaic(observation, variables, target, io, withNdvi);
  const n = target.width * target.height;
  const values: Record<string, Float32Array> = {};
  for (const name of variables) values[name] = takeFloat32(n).fill(NaN);
  const ndvi = withNdvi ? new Float64Array(n).fill(NaN) : null;
  const filled = new Uint8Array(n);
  const cloud = new Uint8Array(n);
  let remaining = n;
  for (const scene of observation.scenes) {
    if (remaining === 0) break;
    const planes = await scenePlanes(scene, variables, target, io, withNdvi);
    const sources = variables.map((name) => planes.values[name]);
    const targets = variables.map((name) => values[name]);
    const masked = planes.masked;
    for (let i = 0; i < n; i++) {
      if (filled[i]) continue;
      let data = true;
      for (const plane of sources) {
        const v = plane[i];
        if (v !== v) { data = false; break; }
      }
      if (!data) continue;
      if (masked && masked[i]) {
        cloud[i] = 1;
        continue;
      }
      for (let k = 0; k < sources.length; k++) targets[k][i] = sources[k][i];
      if (ndvi) ndvi[i] = planes.ndvi![i];
      filled[i] = 1;
      cloud[i] = 0;
      remaining--;
    }
    giveBack(...sources);
  }
  return { values, cloud, ndvi };
}
