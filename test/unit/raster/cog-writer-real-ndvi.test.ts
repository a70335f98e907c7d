/**
 * The job pipeline in miniature on a real scene: Sentinel-2 red and NIR read with geotiff.js,
 * NDVI computed per tile, streamed into the writer, checked by GDAL and numpy against the sources
 * and against the NDVI statistics gdal_calc produced for the fixture.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCogWriter, type CogWriteResult } from '../../../electron/service/raster/cog-writer';
import { RASTERS_DIR, RASTER_SCENES } from '../../helpers/fixtures';
import { epsgOf, gdalinfo, runPythonHelper, validateCog } from './helpers/gdal-tools';

const FIXTURES = RASTERS_DIR;
const SCENE = RASTER_SCENES.sentinel2;
const RED = join(SCENE, 'B04.tif');
const NIR = join(SCENE, 'B08.tif');

let dir: string;
let path: string;
let result: CogWriteResult;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astra-cog-ndvi-'));
  path = join(dir, 'ndvi.tif');
  const [red, nir] = await Promise.all([fromFile(RED).then((t) => t.getImage()), fromFile(NIR).then((t) => t.getImage())]);
  const [originX, originY] = red.getOrigin();
  const [pixelW, pixelH] = red.getResolution();
  const epsg = red.getGeoKeys()?.ProjectedCSTypeGeoKey as number;
  const writer = await createCogWriter({
    path, width: red.getWidth(), height: red.getHeight(), bands: 1, nodata: Number.NaN, epsg,
    geoTransform: [originX, pixelW, 0, originY, 0, pixelH], bandDescriptions: ['ndvi'],
  });
  const size = writer.tileSize;
  for (let ty = 0; ty < writer.tilesDown; ty++) {
    for (let tx = 0; tx < writer.tilesAcross; tx++) {
      const window = [tx * size, ty * size, Math.min((tx + 1) * size, red.getWidth()), Math.min((ty + 1) * size, red.getHeight())];
      const [[r], [n]] = await Promise.all([red.readRasters({ window }), nir.readRasters({ window })]) as unknown as ArrayLike<number>[][];
      const ndvi = new Float32Array(r.length);
      for (let i = 0; i < r.length; i++) {
        const valid = r[i] !== 0 && n[i] !== 0 && r[i] + n[i] !== 0;
        ndvi[i] = valid ? (n[i] - r[i]) / (n[i] + r[i]) : Number.NaN;
      }
      await writer.writeTile(tx, ty, [ndvi]);
    }
  }
  result = await writer.finish();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps the source grid: same CRS and geotransform as B04, and GDAL sees the overviews', async () => {
  const [ours, source] = await Promise.all([gdalinfo(path), gdalinfo(RED)]);
  expect(epsgOf(ours)).toBe(epsgOf(source));
  expect(ours.geoTransform).toEqual(source.geoTransform);
  expect(ours.size).toEqual(source.size);
  expect(ours.bands[0].overviews?.map((o) => o.size)).toEqual(result.overviews.map((o) => [o.width, o.height]));
  expect(result.overviews.length).toBeGreaterThan(0);
  expect((await validateCog(path)).errors).toEqual([]);
});

it('stores exactly the NDVI numpy computes from the same bands', async () => {
  const report = await runPythonHelper<{ mismatches: number; valid: number; geoTransformEqual: boolean }>('ndvi_compare.py', [path, RED, NIR]);
  expect(report).toEqual({ mismatches: 0, valid: 1098 * 1098, geoTransformEqual: true });
});

it('reports the statistics gdal_calc computed for the fixture', async () => {
  const reference = JSON.parse(await readFile(join(FIXTURES, 'ndvi-reference.json'), 'utf8'))['sentinel-2-l2a_S2A_29RKH_20200219'].ndvi_stats;
  const [stats] = result.statistics;
  expect(stats.validCount).toBe(reference.valid_pixels);
  // Our values are float32; the reference is float64, so agreement is to float32 precision.
  expect(stats.min).toBeCloseTo(reference.min, 7);
  expect(stats.max).toBeCloseTo(reference.max, 7);
  expect(stats.mean).toBeCloseTo(reference.mean, 7);
  expect(stats.stdDev).toBeCloseTo(reference.stddev, 7);
});
