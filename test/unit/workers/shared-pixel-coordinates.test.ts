/**
 * Target coordinates shared across sources (geo/pixel-coordinate-cache.ts) and the warp kernels
 * that sample over them (warp-kernels.ts), against exact per-pixel projection through proj4: a
 * UTM 31 target tile at 6°E 47°N (the zone boundary, like the area kit and benchmark) and sources
 * in UTM 32 on other lattices — a 10 m grid, a 20 m grid with another origin, a 10 m grid offset
 * by 5 m, and a rotated one, which may not share.
 */
import { describe, expect, it } from 'vitest';
import { createPointTransform } from '../../../workers/lib/geo/crs';
import type { GeoTransform } from '../../../workers/lib/geo/geo-transform';
import { PixelCoordinateCache } from '../../../workers/lib/geo/pixel-coordinate-cache';
import { pixelCoordinates, type PixelCoordinates } from '../../../workers/lib/geo/pixel-coordinates';
import type { RasterGrid } from '../../../workers/lib/raster-types';
import { sampleBilinear } from '../../../workers/lib/resample';
import { warpRaster } from '../../../workers/lib/warp';

const MAX_ERROR = 1e-3;

function utm(lon: number, lat: number, epsg: string): [number, number] {
  const out = new Float64Array(2);
  createPointTransform('EPSG:4326', epsg)(lon, lat, out);
  return [out[0], out[1]];
}

const [tx, ty] = utm(5.98, 47.02, 'EPSG:32631');
const target: RasterGrid = { crs: 'EPSG:32631', width: 300, height: 200, transform: [Math.round(tx / 10) * 10, 10, 0, Math.round(ty / 10) * 10, 0, -10] };
const [sx, sy] = utm(5.95, 47.04, 'EPSG:32632');
const grid = (transform: GeoTransform, width: number, height: number): RasterGrid => ({ crs: 'EPSG:32632', width, height, transform });
const tenMetres = grid([Math.round(sx / 10) * 10, 10, 0, Math.round(sy / 10) * 10, 0, -10], 600, 500);
const twentyMetres = grid([Math.round(sx / 20) * 20 - 40, 20, 0, Math.round(sy / 20) * 20 + 60, 0, -20], 300, 250);
const offsetTen = grid([Math.round(sx / 10) * 10 + 5, 10, 0, Math.round(sy / 10) * 10 - 5, 0, -10], 600, 500);
const rotated = grid([Math.round(sx / 10) * 10, 9.99, 0.2, Math.round(sy / 10) * 10, 0.2, -9.99], 600, 500);

function worstError(coordinates: PixelCoordinates, source: RasterGrid): number {
  const exact = pixelCoordinates(target, source, 0);
  expect(exact.exactEverywhere).toBe(true);
  let worst = 0;
  for (let i = 0; i < exact.xs.length; i++) {
    worst = Math.max(worst,
      Math.abs(coordinates.x0 + coordinates.sx * coordinates.xs[i] - exact.xs[i]),
      Math.abs(coordinates.y0 + coordinates.sy * coordinates.ys[i] - exact.ys[i]));
  }
  return worst;
}

describe('target coordinates shared across sources', () => {
  it('projects once per target and CRS: the other lattices of that CRS re-express the same arrays', () => {
    const cache = new PixelCoordinateCache(MAX_ERROR);
    const first = cache.coordinatesFor(target, tenMetres);
    expect(first.exactEverywhere).toBe(false);
    for (const source of [twentyMetres, offsetTen]) {
      const shared = cache.coordinatesFor(target, source);
      expect(shared.xs).toBe(first.xs);
      expect(shared.ys).toBe(first.ys);
    }
    expect(cache.coordinatesFor(target, rotated).xs).not.toBe(first.xs);
  });

  it('stays within the error bound of exact projection in every source, shared or not', () => {
    const cache = new PixelCoordinateCache(MAX_ERROR);
    for (const source of [tenMetres, twentyMetres, offsetTen, rotated]) {
      const coordinates = cache.coordinatesFor(target, source);
      expect(coordinates.maxErrorPixels).toBeLessThanOrEqual(MAX_ERROR);
      expect(worstError(coordinates, source), source.transform.join(',')).toBeLessThanOrEqual(MAX_ERROR);
    }
  });

  it('gives the exact coordinates of one pixel in each source\'s own pixels', () => {
    const cache = new PixelCoordinateCache(MAX_ERROR);
    cache.coordinatesFor(target, tenMetres);
    const shared = cache.coordinatesFor(target, twentyMetres);
    const exact = pixelCoordinates(target, twentyMetres, 0);
    const out = new Float64Array(2);
    for (const [col, row] of [[0, 0], [137, 91], [299, 199]]) {
      shared.exact(col, row, out);
      expect(out[0]).toBeCloseTo(exact.xs[row * target.width + col], 9);
      expect(out[1]).toBeCloseTo(exact.ys[row * target.width + col], 9);
    }
  });
});

describe('warping over shared coordinates', () => {
  // A smooth field with NaN holes and NaN edges, so both the four-neighbour formula and the
  // NaN-aware fallback are taken.
  const values = new Float32Array(tenMetres.width * tenMetres.height).map((_, i) => {
    const col = i % tenMetres.width;
    const row = Math.floor(i / tenMetres.width);
    if ((col * 7 + row * 13) % 97 === 0 || col < 2 || row > 495) return NaN;
    return Math.sin(col / 17) * Math.cos(row / 23) + col / 1000;
  });
  const classes = new Float32Array(twentyMetres.width * twentyMetres.height).map((_, i) => (i * 2654435761) % 11);

  it('bilinear gives, bit for bit, sampleBilinear at the same coordinates', () => {
    const coordinates = new PixelCoordinateCache(MAX_ERROR).coordinatesFor(target, tenMetres);
    const warped = warpRaster({ data: values, grid: tenMetres }, target, { resampling: 'bilinear', coordinates });
    let fallbacks = 0;
    for (let i = 0; i < warped.length; i++) {
      const expected = sampleBilinear(values, tenMetres.width, tenMetres.height, coordinates.xs[i], coordinates.ys[i]);
      expect(Object.is(warped[i], Math.fround(expected)), `pixel ${i}`).toBe(true);
      if (Number.isNaN(expected)) fallbacks++;
    }
    expect(fallbacks).toBeGreaterThan(0);
    expect(fallbacks).toBeLessThan(warped.length / 4);
  });

  it('nearest over re-expressed coordinates equals nearest over exact projection', () => {
    const cache = new PixelCoordinateCache(MAX_ERROR);
    cache.coordinatesFor(target, tenMetres);
    const shared = cache.coordinatesFor(target, twentyMetres);
    expect(shared.sx).toBe(0.5);
    const viaShared = warpRaster({ data: classes, grid: twentyMetres }, target, { resampling: 'nearest', coordinates: shared });
    const viaExact = warpRaster({ data: classes, grid: twentyMetres }, target, { resampling: 'nearest', maxErrorPixels: 0 });
    expect(Array.from(viaShared)).toEqual(Array.from(viaExact));
  });
});
