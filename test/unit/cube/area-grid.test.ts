/**
 * Output grids against GDAL: bounds from OSR/OGR (densified transform), alignment and size from
 * `gdalwarp -te … -tr r r -tap`, for areas in both hemispheres, across a central meridian (where a
 * bbox's extreme northing lies mid-edge), across the antimeridian, in another zone than their own,
 * with holes, in EPSG:4326 and EPSG:3857, and in CRSs from the EPSG index: ETRS89-LAEA Europe,
 * Lambert-93, ETRS89 in degrees, New York Long Island in US survey feet, NSIDC polar stereographic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { areaCrs, areaGrid, projectedBounds, sizeCheck, utmCrsFor } from '../../../workers/lib/cube/area-grid';
import { crsInfo } from '../../../workers/lib/geo/crs';
import type { AreaOfInterest } from '../../../workers/lib/cube/geometry';
import { runPython } from './helpers/python';

const work = mkdtempSync(join(tmpdir(), 'astra-cube-grid-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ring = (x: number, y: number, w: number, h: number): number[][] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
const field = {
  type: 'Polygon' as const,
  coordinates: [
    [[18.02, 50.11], [18.41, 50.07], [18.63, 50.32], [18.35, 50.58], [18.07, 50.49], [18.02, 50.11]],
    ring(18.2, 50.25, 0.1, 0.08).reverse(),
  ],
};
const islands = { type: 'MultiPolygon' as const, coordinates: [[ring(-122.51, 37.7, 0.2, 0.12)], [ring(-122.3, 37.86, 0.15, 0.1)]] };

interface Case { name: string; area: AreaOfInterest; crs?: string; resolution: number }
const CASES: Case[] = [
  { name: 'bbox, own UTM zone', area: [13.21, 45.41, 13.77, 45.83], resolution: 10 },
  { name: 'bbox across the central meridian', area: [14.6, 45.1, 15.4, 45.6], resolution: 10 },
  { name: 'southern hemisphere', area: [-74.9, -8.6, -74.2, -8.1], resolution: 30 },
  { name: 'across the antimeridian', area: [179.6, -17.2, -179.7, -16.6], resolution: 20 },
  { name: 'polygon with a hole, in the next zone west', area: field, crs: 'EPSG:32633', resolution: 10 },
  { name: 'multipolygon, own zone', area: islands, resolution: 10 },
  { name: 'geographic, degrees', area: [13.21, 45.41, 13.77, 45.83], crs: 'EPSG:4326', resolution: 0.0001 },
  { name: 'web mercator', area: field, crs: 'EPSG:3857', resolution: 15 },
  { name: 'ETRS89-LAEA Europe (EPSG index)', area: field, crs: 'EPSG:3035', resolution: 10 },
  { name: 'Lambert-93', area: [2.21, 48.71, 2.53, 48.94], crs: 'EPSG:2154', resolution: 20 },
  { name: 'ETRS89, degrees', area: [13.21, 45.41, 13.77, 45.83], crs: 'EPSG:4258', resolution: 0.0001 },
  { name: 'US survey feet', area: [-74.05, 40.6, -73.7, 40.88], crs: 'EPSG:2263', resolution: 30 },
  { name: 'polar stereographic north', area: [-52, 69, -48, 71], crs: 'EPSG:3413', resolution: 100 },
];

describe('area grids equal gdalwarp -tap -tr on the bounds GDAL computes', async () => {
  const request = CASES.map((c) => ({ area: c.area, epsg: Number(areaCrs(c.area, c.crs).slice(5)), resolution: c.resolution }));
  const expected = JSON.parse(await runPython('tap-grid-reference.py', [work, JSON.stringify(request)])) as { bounds: number[]; size: number[]; geoTransform: number[] }[];

  it.each(CASES.map((c, i) => ({ ...c, i })))('$name', ({ area, crs, resolution, i }) => {
    const grid = areaGrid(area, { crs, resolution });
    const b = projectedBounds(area, grid.crs);
    const { metresPerUnit } = crsInfo(grid.crs);
    // 1e-9° in degrees, else 1 mm on the ground in the CRS's unit
    const tolerance = metresPerUnit === null ? 1e-9 : 1e-3 / metresPerUnit;
    [b.xmin, b.ymin, b.xmax, b.ymax].forEach((v, k) => expect(Math.abs(v - expected[i].bounds[k]), `bound ${k}`).toBeLessThanOrEqual(tolerance));
    expect([grid.width, grid.height]).toEqual(expected[i].size);
    expect(Array.from(grid.transform)).toEqual(expected[i].geoTransform);
  });

  it('picked the zones the cases are about', () => {
    expect(request.map((r) => r.epsg)).toEqual([32633, 32633, 32718, 32760, 32633, 32610, 4326, 3857, 3035, 2154, 4258, 2263, 3413]);
  });
});

describe('default CRS', () => {
  it('is the UTM zone of the centre, with the Norway and Svalbard exceptions', () => {
    expect(utmCrsFor(5, 60)).toBe('EPSG:32632');
    expect(utmCrsFor(2.5, 60)).toBe('EPSG:32631');
    expect(utmCrsFor(8.9, 78)).toBe('EPSG:32631');
    expect(utmCrsFor(10, 78)).toBe('EPSG:32633');
    expect(utmCrsFor(-0.5, 51.5)).toBe('EPSG:32630');
    expect(utmCrsFor(180, 10)).toBe('EPSG:32601');
    expect(utmCrsFor(-70, -33)).toBe('EPSG:32719');
  });

  it('refuses an area centred beyond 84°N or 80°S and says what to do', () => {
    expect(() => areaGrid([10, 84.2, 12, 85], { resolution: 10 })).toThrow(/beyond UTM's 80°S–84°N: give a crs/);
    expect(() => utmCrsFor(0, -81)).toThrow(/latitude -81.00/);
    expect(areaGrid([10, 84.2, 12, 85], { crs: 3857, resolution: 100 }).crs).toBe('EPSG:3857');
  });

  it('refuses CRSs the warp cannot reach, and areas that cannot be projected', () => {
    expect(() => areaGrid([13, 45, 13.1, 45.1], { crs: 'EPSG:999999', resolution: 10 })).toThrow(/unknown CRS 'EPSG:999999'/);
    expect(() => areaGrid([-1, 52, -0.9, 52.1], { crs: 'EPSG:27700', resolution: 10 })).toThrow(/unsupported CRS 'EPSG:27700'.*OSTN15/);
    expect(() => areaGrid([13, 85.5, 13.1, 90], { crs: 3857, resolution: 1000 })).toThrow(/cannot be projected to EPSG:3857/);
  });
});

describe('size check', () => {
  const country = areaGrid([5, 45, 15, 55], { crs: 'EPSG:3857', resolution: 10 });

  it('passes grids within the limit', () => {
    expect(sizeCheck(areaGrid([13.21, 45.41, 13.77, 45.83], { resolution: 10 }))).toBeNull();
  });

  it('names the limit, the size and the finest round resolution that fits', () => {
    const excess = sizeCheck(country)!;
    expect(excess.limit).toBe(1.5e9);
    expect(excess.pixels).toBe(country.width * country.height);
    expect(excess.pixels).toBeGreaterThan(1.5e9);
    const coarser = areaGrid([5, 45, 15, 55], { crs: 'EPSG:3857', resolution: excess.resolution });
    expect(coarser.width * coarser.height).toBeLessThanOrEqual(1.5e9);
    const mantissa = excess.resolution / 10 ** Math.floor(Math.log10(excess.resolution));
    expect([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8].some((m) => Math.abs(m - mantissa) < 1e-9)).toBe(true);
    expect(sizeCheck(country, country.width * country.height)).toBeNull();
  });

  it('for a smaller limit gives a coarser resolution', () => {
    const a = sizeCheck(country, 1e8)!;
    const b = sizeCheck(country, 1e6)!;
    expect(b.resolution).toBeGreaterThan(a.resolution);
    const grid = areaGrid([5, 45, 15, 55], { crs: 'EPSG:3857', resolution: b.resolution });
    expect(grid.width * grid.height).toBeLessThanOrEqual(1e6);
  });
});
