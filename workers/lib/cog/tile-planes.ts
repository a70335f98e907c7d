/**
 * Turns the caller's arrays for one tile into the writer's own tileSize × tileSize planes of the
 * output type: copied (so the caller may reuse its arrays and the encoder may transfer ours),
 * padded with the fill value outside the raster, converted when the types differ.
 */
import { roundHalfAwayFromZero, type CogSamples, type SampleType } from './sample-types';

/** Float → integer conversion: NaN becomes the fill, values round and clamp into range. */
function converter(input: CogSamples, sampleType: SampleType, fill: number): ((v: number) => number) | undefined {
  const inputIsFloat = input instanceof Float32Array;
  if (sampleType.isFloat) return undefined;
  const { min, max } = sampleType;
  if (inputIsFloat) {
    return (v) => (v !== v ? fill : Math.min(max, Math.max(min, roundHalfAwayFromZero(v))));
  }
  return (v) => Math.min(max, Math.max(min, v));
}

export interface PreparePlaneArgs {
  input: CogSamples;
  sampleType: SampleType;
  tileSize: number;
  validWidth: number;
  validHeight: number;
  fill: number;
}

export function preparePlane({ input, sampleType, tileSize, validWidth, validHeight, fill }: PreparePlaneArgs): CogSamples {
  let inputRowLength: number;
  if (input.length === tileSize * tileSize) inputRowLength = tileSize;
  else if (input.length === validWidth * validHeight) inputRowLength = validWidth;
  else {
    throw new RangeError(`a plane has ${input.length} samples; expected ${tileSize}×${tileSize} or ${validWidth}×${validHeight}`);
  }
  const out = sampleType.create(tileSize * tileSize);
  out.fill(fill);
  const sameType = input.constructor === out.constructor;
  const convert = sameType ? undefined : converter(input, sampleType, fill);
  for (let y = 0; y < validHeight; y++) {
    const from = y * inputRowLength;
    const to = y * tileSize;
    if (!convert) {
      // Same type, or integer → float32 (always exact): a typed-array copy.
      out.set(input.subarray(from, from + validWidth), to);
    } else {
      for (let x = 0; x < validWidth; x++) out[to + x] = convert(input[from + x]);
    }
  }
  return out;
}
