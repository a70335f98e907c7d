/**
 * What one observation contributes: each output evaluated on its mosaic — a variable as it is, or
 * band math over the variables (float64 arithmetic, one rounding to float32) — and, for the
 * greenest-pixel composite, its NDVI. The mosaic's planes not used as outputs go back to the pool.
 */
import type { AreaValues } from '../../protocol/area-tasks';
import { compiledExpression } from '../process/compiled-expressions';
import { giveBack, takeFloat32 } from '../process/scratch';
import type { Mosaic } from './observation-mosaic';

export interface ObservationOutputs {
  /** One plane per output, in order; each owned by the caller (give it back when done). */
  planes: Float32Array[];
  /** (nir − red) / (nir + red) of the mosaic in float64, when asked for. */
  ndvi: Float64Array | null;
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
  if (withNdvi && !mosaic.ndvi) throw new Error('the greenest-pixel composite needs the mosaic\'s NDVI');
  const ndvi = withNdvi ? mosaic.ndvi : null;
  for (const plane of Object.values(mosaic.values)) if (!used.has(plane)) giveBack(plane);
  return { planes, ndvi };
}
