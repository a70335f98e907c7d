/**
 * WebGL tile styles for the raster overlays. Sources are read raw (normalize: false) with a nodata
 * value always set, so OpenLayers appends exactly one alpha band (0 or 255) after the data bands;
 * a result is read one band at a time, so its value is band 1 and its alpha band 2. A change
 * result's band 1 is the index difference, classed here at ±threshold exactly as the service
 * classes it (diff > t gain, diff < −t loss). An RGB composite's bands 1–3 are surface
 * reflectance (already scaled), its alpha band 4; true colour stretches every band over the same
 * fixed range as scene previews, 0 → black and WHITE_REFLECTANCE (0.3) → full intensity, so
 * composites and previews of the same ground look alike and one composite's colours do not depend
 * on what else its area holds.
 */
import type { Style } from 'ol/layer/WebGLTile';
import type { ExpressionValue } from 'ol/expr/expression';
import type { OverlaySpec, PreviewBand, RampName } from '../../state/overlays-store';

/** Reflectance shown as full white; a typical true-colour stretch. */
export const WHITE_REFLECTANCE = 0.3;

const band = (n: number): ExpressionValue => ['band', n];

function reflectance(n: number, b: PreviewBand): ExpressionValue {
  return ['clamp', ['/', ['+', ['*', band(n), b.scale], b.offset], WHITE_REFLECTANCE], 0, 1];
}

export function previewStyle(spec: Extract<OverlaySpec, { kind: 'preview' }>): Style {
  if (spec.visual) {
    return { color: ['array', ['/', band(1), 255], ['/', band(2), 255], ['/', band(3), 255], ['/', band(4), 255]] };
  }
  const [r, g, b] = spec.bands;
  return { color: ['array', reflectance(1, r), reflectance(2, g), reflectance(3, b), ['/', band(4), 255]] };
}

/** Ramp stops: value → [r, g, b, a]; shared by the layer style and the legend. */
export interface RampStop {
  value: number;
  colour: [number, number, number, number];
  label?: string;
}

export function rampStops(ramp: RampName, min: number, max: number): RampStop[] {
  switch (ramp) {
    case 'ndvi':
      return [
        { value: -1, colour: [120, 72, 32, 1], label: '−1' },
        { value: 0, colour: [214, 196, 140, 1], label: '0' },
        { value: 0.3, colour: [166, 206, 92, 1] },
        { value: 0.6, colour: [60, 150, 50, 1] },
        { value: 1, colour: [0, 90, 30, 1], label: '1' },
      ];
    case 'change':
      return [
        { value: -1, colour: [220, 38, 38, 0.9], label: 'loss' },
        { value: 0, colour: [148, 163, 184, 0.15], label: 'no change' },
        { value: 1, colour: [22, 163, 74, 0.9], label: 'gain' },
      ];
    case 'rgb':
      return [
        { value: 0, colour: [0, 0, 0, 1], label: '0' },
        { value: WHITE_REFLECTANCE, colour: [255, 255, 255, 1], label: String(WHITE_REFLECTANCE) },
      ];
    case 'stretch': {
      const lo = Number.isFinite(min) ? min : 0;
      const hi = Number.isFinite(max) && max > lo ? max : lo + 1;
      return [
        { value: lo, colour: [68, 1, 84, 1], label: formatStop(lo) },
        { value: (lo + hi) / 2, colour: [33, 145, 140, 1] },
        { value: hi, colour: [253, 231, 37, 1], label: formatStop(hi) },
      ];
    }
  }
}

function formatStop(v: number): string {
  return Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(2);
}

const TRANSPARENT: ExpressionValue = ['color', 0, 0, 0, 0];
const colourOf = (c: RampStop['colour']): ExpressionValue => ['color', c[0], c[1], c[2], c[3]];

export function resultStyle(spec: Extract<OverlaySpec, { kind: 'result' }>): Style {
  if (spec.ramp === 'rgb') {
    const channel = (n: number): ExpressionValue => ['clamp', ['/', band(n), WHITE_REFLECTANCE], 0, 1];
    return { color: ['array', channel(1), channel(2), channel(3), ['/', band(4), 255]] };
  }
  const stops = rampStops(spec.ramp, spec.min, spec.max);
  const noData: ExpressionValue = ['==', band(2), 0];
  if (spec.ramp === 'change') {
    const t = spec.threshold;
    return {
      color: ['case', noData, TRANSPARENT, ['<', band(1), -t], colourOf(stops[0].colour), ['>', band(1), t], colourOf(stops[2].colour), colourOf(stops[1].colour)],
    };
  }
  const interpolate: ExpressionValue = ['interpolate', ['linear'], band(1), ...stops.flatMap((s) => [s.value, colourOf(s.colour)])];
  return { color: ['case', noData, TRANSPARENT, interpolate] };
}
