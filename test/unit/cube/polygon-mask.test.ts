/**
 * Polygon masks against gdal_rasterize (default: pixel centres, no ALL_TOUCHED) on GDAL-made grids,
 * compared pixel for pixel: a polygon with holes, an overlapping multipolygon (parts are united,
 * as in GDAL), shapes reaching past the grid, and tie cases — vertices on pixel centres,
 * horizontal and vertical edges through centres in both ring orientations, diagonals through
 * centres — on a grid whose pixel arithmetic is exact (origin and size powers of two) and on one
 * where it is not (10 m pixels). Windows must be exact crops of the whole-grid mask.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tileWindows } from '../../../workers/lib/geo/grid-window';
import type { GeoTransform } from '../../../workers/lib/geo/geo-transform';
import type { AreaGeometry } from '../../../workers/lib/cube/geometry';
import { rasterizeGeometry } from '../../../workers/lib/cube/polygon-mask';
import type { RasterGrid } from '../../../workers/lib/raster-types';
import { readUint8, runPython } from './helpers/python';

const work = mkdtempSync(join(tmpdir(), 'astra-cube-mask-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Ring = number[][];
const close = (ring: Ring): Ring => [...ring, ring[0]];

/** A ring given in pixel (column, row) coordinates, mapped to the grid's CRS. */
function mapRing(t: GeoTransform, ring: Ring): Ring {
  return close(ring.map(([c, r]) => [t[0] + c * t[1], t[3] + r * t[5]]));
}

function shapes(t: GeoTransform): { name: string; geometry: AreaGeometry }[] {
  const m = (ring: Ring) => mapRing(t, ring);
  const wobbly: Ring = Array.from({ length: 23 }, (_, i) => {
    const a = (2 * Math.PI * i) / 23;
    const radius = 30 + 9 * Math.sin(5 * a) + 0.37 * i;
    return [48.3 + radius * Math.cos(a), 41.7 + radius * 0.8 * Math.sin(a)];
  });
  return [
    { name: 'holes', geometry: { type: 'Polygon', coordinates: [m(wobbly), m([[40.2, 35.1], [52.7, 36.3], [47.9, 47.4]]), m([[30.3, 45.2], [35.1, 45.2], [35.1, 52.9], [30.3, 52.9]])] } },
    {
      name: 'overlapping-multipolygon',
      geometry: { type: 'MultiPolygon', coordinates: [[m([[-5.3, -4.1], [30.6, -3.9], [31.2, 28.8], [-4.7, 29.3]])], [m([[20.1, 15.2], [70.4, 18.9], [66.6, 60.2]])]] },
    },
    {
      name: 'centres-and-edges',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [m([[5.5, 5.5], [20.5, 5.5], [20.5, 12.5], [5.5, 12.5]])], // edges through centres, one orientation
          [m([[25.5, 5.5], [25.5, 12.5], [40.5, 12.5], [40.5, 5.5]])], // the other orientation
          [m([[10, 20], [22, 20], [22, 30], [10, 30]])], // edges on pixel boundaries
          [m([[60.5, 10.5], [70.5, 20.5], [60.5, 30.5], [50.5, 20.5]])], // diagonals through centres
          [m([[75.5, 40.5], [85.5, 40.5], [80.5, 55.5]])], // horizontal base through centres, apex on a centre
          [m([[5.5, 55.5], [35.5, 55.5], [35.5, 80.5], [5.5, 80.5]]), m([[12.5, 60.5], [12.5, 70.5], [25.5, 70.5], [25.5, 60.5]])], // a hole, edges through centres
        ],
      },
    },
  ];
}

const GRIDS: { name: string; grid: RasterGrid }[] = [
  { name: 'exact', grid: { crs: 'EPSG:32633', width: 97, height: 83, transform: [1024, 8, 0, 4096, 0, -8] } },
  { name: 'ten-metre', grid: { crs: 'EPSG:32633', width: 97, height: 83, transform: [499990, 10, 0, 4200010, 0, -10] } },
  { name: 'odd-origin', grid: { crs: 'EPSG:32718', width: 91, height: 77, transform: [320003.7, 10, 0, 9100011.3, 0, -10] } },
];

describe('polygon masks equal gdal_rasterize pixel for pixel', async () => {
  const cases = GRIDS.flatMap(({ name, grid }) => shapes(grid.transform).map((s) => ({ name: `${name}-${s.name}`, grid, geometry: s.geometry })));
  await runPython('rasterize-reference.py', [work, JSON.stringify(cases.map((c) => ({
    name: c.name, epsg: Number(c.grid.crs.slice(5)), geoTransform: c.grid.transform, width: c.grid.width, height: c.grid.height, geometries: [c.geometry],
  })))]);

  it.each(cases)('$name', ({ name, grid, geometry }) => {
    const expected = readUint8(join(work, `${name}.mask.u8`));
    const ours = rasterizeGeometry(geometry, grid);
    let differing = 0;
    for (let i = 0; i < ours.length; i++) if (ours[i] !== expected[i]) differing++;
    expect(differing).toBe(0);
    const inside = ours.reduce((n, v) => n + v, 0);
    expect(inside).toBeGreaterThan(50);
    expect(inside).toBeLessThan(ours.length - 50);
  });

  it.each(cases)('$name: every tile window is the crop of the whole mask', ({ grid, geometry }) => {
    const whole = rasterizeGeometry(geometry, grid);
    for (const { col, row, grid: tile } of tileWindows(grid, 32)) {
      const part = rasterizeGeometry(geometry, grid, { col, row, width: tile.width, height: tile.height });
      for (let r = 0; r < tile.height; r++) {
        expect(Array.from(part.subarray(r * tile.width, (r + 1) * tile.width))).toEqual(Array.from(whole.subarray((row + r) * grid.width + col, (row + r) * grid.width + col + tile.width)));
      }
    }
  });
});

describe('polygon mask basics', () => {
  const grid: RasterGrid = { crs: 'EPSG:32633', width: 4, height: 3, transform: [0, 1, 0, 3, 0, -1] };

  const strip = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 3], [0, 3], [0, 0]]] };

  it('fills nothing for no polygons or a window beside the shape, and refuses a broken window', () => {
    expect(Array.from(rasterizeGeometry({ type: 'MultiPolygon', coordinates: [] }, grid))).toEqual(new Array(12).fill(0));
    expect(Array.from(rasterizeGeometry(strip, grid))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(rasterizeGeometry(strip, grid, { col: 2, row: 0, width: 2, height: 3 }))).toEqual(new Array(6).fill(0));
    expect(() => rasterizeGeometry(strip, grid, { col: 0.5, row: 0, width: 1, height: 1 })).toThrow(/invalid window/);
  });
});
