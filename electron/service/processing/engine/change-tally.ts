/**
 * Gain and loss of a change job, in pixels and hectares, counted from each output tile's class
 * band. Pixel area: |pixel width × pixel height| for projected CRSs, in m² through the length of
 * their unit (map scale error ignored: < 0.1 % in UTM); for geographic grids (EPSG:4326, 4258, …)
 * the area of each row's cells on the WGS84 authalic sphere, R² · Δλ · (sin φ₁ − sin φ₂).
 */
import type { RasterGrid } from '../../../../workers/lib/raster-types';
import { pixelsToHectares } from '../../../../workers/lib/change';
import { crsInfo } from '../../../../workers/lib/geo/crs';

const AUTHALIC_RADIUS_M = 6_371_007.2;

/** Area of one pixel of row `row` of `grid`, in m². */
export function pixelAreaM2(grid: RasterGrid, row: number): number {
  return rowPixelArea(grid, crsInfo(grid.crs).metresPerUnit, row);
}

/** The same, with the CRS's unit already looked up (null: geographic). */
function rowPixelArea(grid: RasterGrid, metresPerUnit: number | null, row: number): number {
  const [, w, , y0, , h] = grid.transform;
  if (metresPerUnit !== null) return Math.abs(w * h) * metresPerUnit ** 2;
  const rad = Math.PI / 180;
  const top = (y0 + row * h) * rad;
  const bottom = (y0 + (row + 1) * h) * rad;
  return AUTHALIC_RADIUS_M ** 2 * Math.abs(w * rad) * Math.abs(Math.sin(top) - Math.sin(bottom));
}

export interface ChangeTotals {
  gain_pixels: number;
  loss_pixels: number;
  unchanged_pixels: number;
  gain_hectares: number;
  loss_hectares: number;
}

export class ChangeTally {
  private gain = 0;
  private loss = 0;
  private unchanged = 0;
  private gainM2 = 0;
  private lossM2 = 0;

  /**
   * Adds a class plane (−1/0/+1, NaN = no data) whose rows are `tileWidth` long and whose first
   * row is output row `firstRow`; only the `width` × `height` part inside the raster counts.
   */
  add(classes: Float32Array, tileWidth: number, width: number, height: number, grid: RasterGrid, firstRow: number): void {
    const { metresPerUnit } = crsInfo(grid.crs);
    for (let r = 0; r < height; r++) {
      let gain = 0;
      let loss = 0;
      let unchanged = 0;
      const start = r * tileWidth;
      for (let c = 0; c < width; c++) {
        const v = classes[start + c];
        if (v === 1) gain++;
        else if (v === -1) loss++;
        else if (v === 0) unchanged++;
      }
      const area = rowPixelArea(grid, metresPerUnit, firstRow + r);
      this.gain += gain;
      this.loss += loss;
      this.unchanged += unchanged;
      this.gainM2 += gain * area;
      this.lossM2 += loss * area;
    }
  }

  totals(): ChangeTotals {
    return {
      gain_pixels: this.gain,
      loss_pixels: this.loss,
      unchanged_pixels: this.unchanged,
      gain_hectares: pixelsToHectares(this.gainM2, 1),
      loss_hectares: pixelsToHectares(this.lossM2, 1),
    };
  }
}
