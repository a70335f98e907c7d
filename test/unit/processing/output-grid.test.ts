/**
 * The output grid of a job: cropping a band grid to a WGS84 bbox (checked against GDAL's own
 * transformation of the bbox corners), coarser resolutions, which COG level they read, and the
 * WGS84 footprint reported as result.bbox.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../../workers/lib/raster-types';
import { bboxToExtent, gridBboxWgs84, gridExtent, transformExtent } from '../../../electron/service/processing/grid/footprint';
import { cropGrid, finestGrid, withResolution } from '../../../electron/service/processing/grid/output-grid';
import { chooseLevel, levelGrid } from '../../../electron/service/processing/plan/choose-level';
import type { CogProbe } from '../../../electron/service/processing/grid/cog-probe';

/** The 29RKH fixture's 10 m grid (full resolution original). */
const S2: RasterGrid = { crs: 'EPSG:32629', width: 10980, height: 10980, transform: [199980, 10, 0, 2800020, 0, -10] };

function gdalTransform(points: number[][], from: string, to: string): number[][] {
  const out = execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], { input: points.map((p) => p.join(' ')).join('\n') }).toString();
  return out.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
}

describe('cropGrid', () => {
  it('keeps the source lattice, snaps outward to whole pixels and contains the bbox GDAL projects', () => {
    const bbox: [number, number, number, number] = [-11.9, 24.5, -11.3, 25.1];
    const crop = cropGrid(S2, bboxToExtent(bbox, S2.crs)!)!;
    const [x0, w, , y0, , h] = crop.transform;
    expect([w, h]).toEqual([10, -10]);
    expect(Number.isInteger((x0 - 199980) / 10)).toBe(true);
    expect(Number.isInteger((2800020 - y0) / 10)).toBe(true);
    const corners = gdalTransform([[bbox[0], bbox[1]], [bbox[0], bbox[3]], [bbox[2], bbox[1]], [bbox[2], bbox[3]]], 'EPSG:4326', 'EPSG:32629');
    const [minX, minY, maxX, maxY] = gridExtent(crop);
    for (const [x, y] of corners) {
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(x).toBeLessThanOrEqual(maxX);
      expect(y).toBeGreaterThanOrEqual(minY);
      expect(y).toBeLessThanOrEqual(maxY);
    }
    // Tight: one pixel less on any side would cut a projected corner... or the curved edge between.
    expect(Math.min(...corners.map((c) => c[0])) - minX).toBeLessThan(10 + 1e-6);
    expect(maxY - Math.max(...corners.map((c) => c[1]))).toBeLessThan(10 + 1e-6);
  });

  it('clips to the grid and answers null when there is no overlap', () => {
    expect(cropGrid(S2, [0, 0, 100, 100])).toBeNull();
    const partial = cropGrid(S2, [199_000, 2_700_000, 200_500, 2_900_000])!;
    expect([partial.width, partial.height, partial.transform[0], partial.transform[3]]).toEqual([52, 10002, 199980, 2800020]);
  });
});

describe('grids and levels', () => {
  it('finestGrid picks the smallest pixels; withResolution keeps the extent in whole new pixels', () => {
    const scl = { ...S2, width: 5490, height: 5490, transform: [199980, 20, 0, 2800020, 0, -20] as const };
    expect(finestGrid([scl, S2])).toBe(S2);
    const coarse = withResolution(S2, 30);
    expect([coarse.width, coarse.height]).toEqual([3660, 3660]);
    expect(coarse.transform).toEqual([199980, 30, 0, 2800020, 0, -30]);
    expect(withResolution(S2, 7).width).toBe(Math.ceil(109800 / 7));
  });

  it('chooseLevel reads the coarsest overview still as fine as the output', () => {
    const probe: CogProbe = {
      crs: 'EPSG:32629', epsg: 32629, width: 10980, height: 10980, transform: S2.transform, nodata: 0, samples: 1,
      levels: [{ image_index: 0, width: 10980, height: 10980 }, { image_index: 1, width: 5490, height: 5490 }, { image_index: 2, width: 2745, height: 2745 }],
    };
    expect(chooseLevel(probe, S2).image_index).toBe(0);
    expect(chooseLevel(probe, withResolution(S2, 20)).image_index).toBe(1);
    expect(chooseLevel(probe, withResolution(S2, 30)).image_index).toBe(1);
    expect(chooseLevel(probe, withResolution(S2, 45)).image_index).toBe(2);
    expect(levelGrid(probe, probe.levels[2]).transform).toEqual([199980, 40, 0, 2800020, 0, -40]);
    // Another CRS: a 4326 output of ~0.0009° (~100 m) may read the 40 m level, not coarser.
    const geographic: RasterGrid = { crs: 'EPSG:4326', width: 100, height: 100, transform: [-11.9, 0.0009, 0, 25.1, 0, -0.0009] };
    expect(chooseLevel(probe, geographic).image_index).toBe(2);
  });

  it('gridBboxWgs84 contains what GDAL reports for the grid corners', () => {
    const bbox = gridBboxWgs84(S2);
    const corners = gdalTransform([[199980, 2800020], [309780, 2800020], [199980, 2690220], [309780, 2690220]], 'EPSG:32629', 'EPSG:4326');
    for (const [lon, lat] of corners) {
      expect(lon).toBeGreaterThanOrEqual(bbox[0]);
      expect(lon).toBeLessThanOrEqual(bbox[2]);
      expect(lat).toBeGreaterThanOrEqual(bbox[1]);
      expect(lat).toBeLessThanOrEqual(bbox[3]);
    }
    expect(transformExtent(gridExtent(S2), 'EPSG:32629', 'EPSG:32628')![0]).toBeGreaterThan(700_000);
  });
});
