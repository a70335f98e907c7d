/** Gain/loss areas of change jobs: projected pixels by their size, geographic ones on the sphere. */
import { describe, expect, it } from 'vitest';
import { ChangeTally, pixelAreaM2 } from '../../../electron/service/processing/engine/change-tally';

describe('pixelAreaM2', () => {
  it('is the pixel size in projected CRSs', () => {
    expect(pixelAreaM2({ crs: 'EPSG:32629', width: 1, height: 1, transform: [0, 10, 0, 0, 0, -10] }, 5)).toBe(100);
  });

  it('converts a projected CRS\'s unit to metres (EPSG:2263, US survey feet)', () => {
    const area = pixelAreaM2({ crs: 'EPSG:2263', width: 1, height: 1, transform: [0, 30, 0, 0, 0, -30] }, 0);
    expect(area).toBeCloseTo(900 * (1200 / 3937) ** 2, 9);
  });

  it('shrinks with latitude on a geographic grid, matching the spherical zone area (any geographic CRS)', () => {
    const grid = (lat: number) => ({ crs: 'EPSG:4326', width: 1, height: 1, transform: [0, 0.001, 0, lat, 0, -0.001] as const });
    const equator = pixelAreaM2(grid(0.0005), 0);
    // 0.001° × 0.001° at the equator ≈ 111.19 m × 111.19 m on the authalic sphere.
    expect(equator).toBeCloseTo((6_371_007.2 * Math.PI / 180 * 0.001) ** 2, 0);
    expect(pixelAreaM2(grid(60.0005), 0) / equator).toBeCloseTo(Math.cos(60 * Math.PI / 180), 4);
    expect(pixelAreaM2({ ...grid(60.0005), crs: 'EPSG:4258' }, 0)).toBe(pixelAreaM2(grid(60.0005), 0));
  });
});

describe('ChangeTally', () => {
  it('counts −1/0/+1 inside the valid extent only and converts to hectares', () => {
    const tally = new ChangeTally();
    const grid = { crs: 'EPSG:32633', width: 3, height: 2, transform: [0, 10, 0, 0, 0, -10] as const };
    // rows 4 wide (a padded tile), valid extent 3 × 2; the 4th column must be ignored
    tally.add(Float32Array.from([1, -1, 0, 1, NaN, 1, 1, -1]), 4, 3, 2, grid, 0);
    expect(tally.totals()).toEqual({ gain_pixels: 3, loss_pixels: 1, unchanged_pixels: 1, gain_hectares: 0.03, loss_hectares: 0.01 });
  });
});
