/**
 * What one observation contributes: each output evaluated on its mosaic — a variable as it is, or
 * band math over the variables (float64 arithmetic, one rounding to float32) — and, for the
 * greenest-pixel composite, its NDVI. The mosaic's planes not used as outputs go back to the pool.
 */
import type { AreaValues } from '../../protocol/area-tasks';
import { compiledExpression } from '../process/compiled-expressions';
import { normalizedDifference } from '../process/normalized-difference';
import { giveBack, takeFloat32 } from '../process/scratch';
import type { Mosaic } from './observation-mosaic';

export interface ObservationOutputs {
  /** One plane per output, in order; each owned by the caller (give it back when done). */
  planes: Float32Array[];
  /** (nir − red) / (nir + red) of the mosaic, when asked for; owned by the caller. */
  ndvi: Float32Array | null;
}

export function observationOutputs(values: AreaValues, mosaic: Mosaic, withNdvi: boolean): ObservationOutputs {
  const used = new Set<Float32Array>();
  const planes = values.outputs.map((output) => {
    if (output.expression === null) {
      const plane = mosaic.values[output.name];
      if (!plane) throw new Error(`output '${output.name}' is not a variable of the mosaic`);
      used.add(plane);
      return plane;
    }
    const n = mosaic.cloud.length;
    return compiledExpression(output.expression).evaluate(mosaic.values, takeFloat32(n));
  });
  let ndvi: Float32Array | null = null;
  if (withNdvi) {
    const { nir, red } = mosaic.values;
    if (!nir || !red) throw new Error('the greenest-pixel composite needs nir and red in the mosaic');
    ndvi = normalizedDifference(nir, red, takeFloat32(nir.length));
  }
  for (const plane of Object.values(mosaic.values)) if (!used.has(plane)) giveBack(plane);
  return { planes, ndvi };
}
