/**
 * Where every pixel centre of a target grid falls in a source raster, held for the whole target
 * (pixel-mapping.ts gives them row by row). Held, they can serve several sources: bands sharing a
 * grid (red and NIR of a scene), and any north-up grid in the same CRS (the 20 m SCL of that
 * scene, the other scenes of that UTM zone), whose pixel coordinates are an affine function of the
 * first one's — so a composite projects a tile once per source CRS instead of once per band and
 * scene (pixel-coordinate-cache.ts).
 */
import { isNorthUp } from './geo-transform';
import type { RasterGrid } from '../raster-types';
import { createPixelMapping, type PixelMapping, type PixelMappingOptions } from './pixel-mapping';

export interface PixelCoordinates {
  /** The target's size. */
  readonly width: number;
  readonly height: number;
  /** Per target pixel (row-major), the base source column and row, before the affine step below. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** This source's column is x0 + sx × xs[i], its row y0 + sy × ys[i]. */
  readonly x0: number;
  readonly sx: number;
  readonly y0: number;
  readonly sy: number;
  /** Largest approximation error, in this source's pixels. */
  readonly maxErrorPixels: number;
  /** Every coordinate projected exactly (no lattice). */
  readonly exactEverywhere: boolean;
  /** The exact coordinates of one target pixel centre, in this source's pixels. */
  exact(col: number, row: number, out: Float64Array): void;
}

/** Every target pixel's source coordinates, from a mapping (lattice or exact). */
export function pixelCoordinates(target: RasterGrid, source: RasterGrid, maxErrorPixels: number, options?: PixelMappingOptions): PixelCoordinates {
  const mapping = createPixelMapping(target, source, maxErrorPixels, options);
  return fromMapping(target, mapping);
}

export function fromMapping(target: RasterGrid, mapping: PixelMapping): PixelCoordinates {
  const { width, height } = target;
  const xs = new Float64Array(width * height);
  const ys = new Float64Array(width * height);
  for (let row = 0; row < height; row++) {
    mapping.fillRow(row, xs.subarray(row * width, (row + 1) * width), ys.subarray(row * width, (row + 1) * width));
  }
  return {
    width, height, xs, ys, x0: 0, sx: 1, y0: 0, sy: 1,
    maxErrorPixels: mapping.maxErrorPixels,
    exactEverywhere: mapping.spacing === 1,
    exact: mapping.exact,
  };
}

/**
 * The coordinates of `base` (computed for `baseGrid`) re-expressed for `grid`, another north-up
 * grid of the same CRS: column = (baseX + baseCol × baseWidth − gridX) / gridWidth, and so for rows.
 */
export function reexpressed(base: PixelCoordinates, baseGrid: RasterGrid, grid: RasterGrid): PixelCoordinates {
  if (!isNorthUp(baseGrid.transform) || !isNorthUp(grid.transform)) throw new Error('only north-up grids share coordinates');
  const [bx, bw, , by, , bh] = baseGrid.transform;
  const [gx, gw, , gy, , gh] = grid.transform;
  const sx = (base.sx * bw) / gw;
  const sy = (base.sy * bh) / gh;
  const x0 = (bx + base.x0 * bw - gx) / gw;
  const y0 = (by + base.y0 * bh - gy) / gh;
  const p = new Float64Array(2);
  return {
    ...base,
    x0, sx, y0, sy,
    maxErrorPixels: base.maxErrorPixels * Math.max(Math.abs(bw / gw), Math.abs(bh / gh)),
    exact(col, row, out) {
      base.exact(col, row, p);
      out[0] = (bx + p[0] * bw - gx) / gw;
      out[1] = (by + p[1] * bh - gy) / gh;
    },
  };
}

/** The same coordinates in a window of the source whose first pixel is (col, row). */
export function inWindow(coordinates: PixelCoordinates, col: number, row: number): PixelCoordinates {
  if (col === 0 && row === 0) return coordinates;
  const p = new Float64Array(2);
  return {
    ...coordinates,
    x0: coordinates.x0 - col,
    y0: coordinates.y0 - row,
    exact(c, r, out) {
      coordinates.exact(c, r, p);
      out[0] = p[0] - col;
      out[1] = p[1] - row;
    },
  };
}
