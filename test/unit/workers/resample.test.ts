import { describe, expect, it } from 'vitest';
import { sampleBilinear, sampleNearest } from '../../../workers/lib/resample';
import type { RasterGrid } from '../../../workers/lib/raster-types';
import { warpRaster } from '../../../workers/lib/warp';
import { createPixelMapping } from '../../../workers/lib/geo/pixel-mapping';

// 3×2 raster:  1  2  4
//              8 16 NaN
const src = Float32Array.of(1, 2, 4, 8, 16, NaN);

describe('sampleBilinear', () => {
  it('returns the pixel value at a pixel centre', () => {
    expect(sampleBilinear(src, 3, 2, 0.5, 0.5)).toBe(1);
    expect(sampleBilinear(src, 3, 2, 1.5, 1.5)).toBe(16);
  });

  it('interpolates between four centres', () => {
    // Halfway between the centres of pixels (0,0), (1,0), (0,1), (1,1): mean of 1, 2, 8, 16.
    expect(sampleBilinear(src, 3, 2, 1, 1)).toBe(6.75);
    // A quarter of the way from (0,0) to (1,0) along the top row centre line.
    expect(sampleBilinear(src, 3, 2, 0.75, 0.5)).toBe(1.25);
  });

  it('renormalises over valid neighbours when one is NaN', () => {
    // (1.9, 0.9) lies in pixel (1,0); weights 0.36 (1,0)=2, 0.24 (2,0)=4, 0.24 (1,1)=16, 0.16 (2,1)=NaN.
    expect(sampleBilinear(src, 3, 2, 1.9, 0.9)).toBeCloseTo((0.36 * 2 + 0.24 * 4 + 0.24 * 16) / 0.84, 12);
  });

  it('is NaN when the containing pixel is NaN, or outside the raster', () => {
    expect(Number.isNaN(sampleBilinear(src, 3, 2, 2.6, 1.4))).toBe(true);
    expect(Number.isNaN(sampleBilinear(src, 3, 2, -0.01, 0.5))).toBe(true);
    expect(Number.isNaN(sampleBilinear(src, 3, 2, 3, 0.5))).toBe(true);
  });

  it('uses only in-raster neighbours in the outer half pixel', () => {
    // x = 0.25 lies left of the first centre: only column 0 exists there.
    expect(sampleBilinear(src, 3, 2, 0.25, 0.5)).toBe(1);
  });
});

describe('sampleNearest', () => {
  it('returns the containing pixel, NaN outside', () => {
    expect(sampleNearest(src, 3, 2, 2.99, 0.01)).toBe(4);
    expect(sampleNearest(src, 3, 2, 1.0, 1.0)).toBe(16);
    expect(Number.isNaN(sampleNearest(src, 3, 2, 3, 0))).toBe(true);
  });
});

describe('warpRaster within one CRS', () => {
  const grid: RasterGrid = { crs: 'EPSG:32633', width: 3, height: 2, transform: [500000, 10, 0, 4000000, 0, -10] };

  it('reproduces the source on its own grid', () => {
    expect(Array.from(warpRaster({ data: src, grid }, grid, { resampling: 'bilinear' }))).toEqual(Array.from(src));
    expect(Array.from(warpRaster({ data: src, grid }, grid, { resampling: 'nearest' }))).toEqual(Array.from(src));
  });

  it('samples a finer, shifted grid and leaves outside pixels NaN', () => {
    // 5 m pixels starting 5 m west of the source: the first column is outside.
    const target: RasterGrid = { crs: 'EPSG:32633', width: 3, height: 1, transform: [499995, 5, 0, 4000000, 0, -5] };
    const out = warpRaster({ data: src, grid }, target, { resampling: 'nearest' });
    expect(Array.from(out)).toEqual([NaN, 1, 1]);
  });

  it('refuses a source whose data does not match its grid', () => {
    expect(() => warpRaster({ data: new Float32Array(5), grid }, grid, { resampling: 'nearest' })).toThrow(/source has 5 values/);
  });
});

describe('warpRaster where the projection breaks down', () => {
  // Web Mercator source of 1000 km pixels, values = column index; Mercator is undefined at the poles.
  const side = 40;
  const source: RasterGrid = { crs: 'EPSG:3857', width: side, height: side, transform: [-20e6, 1e6, 0, 20e6, 0, -1e6] };
  const data = Float32Array.from({ length: side * side }, (_, i) => i % side);

  it('warps a global geographic grid whose first row of centres is the pole', () => {
    const target: RasterGrid = { crs: 'EPSG:4326', width: 90, height: 90, transform: [-90, 2, 0, 90.5, 0, -1] };
    for (const resampling of ['nearest', 'bilinear'] as const) {
      const out = warpRaster({ data, grid: source }, target, { resampling });
      expect(Array.from(out.subarray(0, 90)).every(Number.isNaN), resampling).toBe(true);
      // Row 89 is latitude 1°; its first pixel centre, longitude −89°, is x ≈ −9.91e6 m → column 10.
      if (resampling === 'nearest') expect(out[89 * 90]).toBe(10);
      // Latitudes up to ~85° are inside the Mercator source: rows 6..89 are valid.
      expect(Array.from(out.subarray(6 * 90)).some(Number.isNaN), resampling).toBe(false);
    }
  });

  it('keeps the coarse lattice when only cells outside the source or at the singularity are hard', () => {
    // 0.01° pixels from the pole (row 0) down to 89.01°, all beyond the source's ~85° edge.
    const target: RasterGrid = { crs: 'EPSG:4326', width: 100, height: 100, transform: [0, 0.01, 0, 90.005, 0, -0.01] };
    expect(createPixelMapping(target, source).spacing).toBe(32);
    expect(warpRaster({ data, grid: source }, target, { resampling: 'bilinear' }).every(Number.isNaN)).toBe(true);
  });
});
