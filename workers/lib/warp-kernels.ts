/**
 * The sampling loops of a warp over held target coordinates (geo/pixel-coordinates.ts): one pass
 * per source band, each source coordinate computed by the coordinates' affine step. Bilinear takes
 * the plain four-neighbour formula where all four neighbours are numbers inside the raster — the
 * same sums in the same order as resample.ts's sampleBilinear, so the values are identical — and
 * defers to sampleBilinear elsewhere (edges, NaN neighbours). Nearest re-projects exactly the
 * centres that land within twice the coordinates' error of a pixel edge (see warp.ts).
 */
import type { PixelCoordinates } from './geo/pixel-coordinates';
import type { GridSize, NumericArray } from './raster-types';
import { sampleBilinear, sampleNearest } from './resample';

export function bilinearOnCoordinates(src: NumericArray, size: GridSize, at: PixelCoordinates, out: Float32Array): Float32Array {
  const { width, height } = size;
  const { xs, ys, x0, sx, y0, sy } = at;
  const n = at.width * at.height;
  for (let i = 0; i < n; i++) {
    const x = x0 + sx * xs[i];
    const y = y0 + sy * ys[i];
    if (!(x >= 0 && y >= 0 && x < width && y < height)) {
      out[i] = NaN;
      continue;
    }
    const u = x - 0.5;
    const v = y - 0.5;
    const i0 = Math.floor(u);
    const j0 = Math.floor(v);
    if (i0 >= 0 && j0 >= 0 && i0 + 1 < width && j0 + 1 < height) {
      const k = j0 * width + i0;
      const a = src[k];
      const b = src[k + 1];
      const c = src[k + width];
      const d = src[k + width + 1];
      if (a === a && b === b && c === c && d === d) {
        const fx = u - i0;
        const fy = v - j0;
        const w00 = (1 - fy) * (1 - fx);
        const w01 = (1 - fy) * fx;
        const w10 = fy * (1 - fx);
        const w11 = fy * fx;
        out[i] = (a * w00 + b * w01 + c * w10 + d * w11) / (w00 + w01 + w10 + w11);
        continue;
      }
    }
    out[i] = sampleBilinear(src, width, height, x, y);
  }
  return out;
}

export function nearestOnCoordinates(src: NumericArray, size: GridSize, at: PixelCoordinates, out: Float32Array): Float32Array {
  const { width, height } = size;
  const { xs, ys, x0, sx, y0, sy } = at;
  const margin = at.exactEverywhere ? -1 : 2 * at.maxErrorPixels + 1e-9;
  const exact = new Float64Array(2);
  for (let row = 0, i = 0; row < at.height; row++) {
    for (let col = 0; col < at.width; col++, i++) {
      let x = x0 + sx * xs[i];
      let y = y0 + sy * ys[i];
      if (Math.abs(x - Math.round(x)) < margin || Math.abs(y - Math.round(y)) < margin) {
        at.exact(col, row, exact);
        x = exact[0];
        y = exact[1];
      }
      out[i] = sampleNearest(src, width, height, x, y);
    }
  }
  return out;
}
