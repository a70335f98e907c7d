/**
 * The geotransform we derive from GeoTIFF tags (read by geotiff.js) must equal GDAL's for every
 * fixture raster: it includes a PixelIsPoint file (Landsat C2) and a ModelTransformation file
 * (the Pucallpa pair), the two cases where geotiff.js's own getOrigin/getResolution differ.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geoTransformFromGeoTiff } from '../../../workers/lib/geo/geo-transform';
import { FIXTURES } from './helpers/fixture-scenes';
import { readBand } from './helpers/read-geotiff';
import { runGdalPython } from './helpers/run-gdal';

const FILES = [
  'sentinel-2-l2a_S2A_29RKH_20200219/B04.tif',
  'sentinel-2-l2a_S2A_29RKH_20200219/SCL.tif',
  'landsat-c2-l2_LC08_L2SP_008059_20191201/LC08_L2SP_008059_20191201_20200825_02_T1_QA_PIXEL.TIF',
  'landsat-7-etm_olinda/L7_ETMs.tif',
  'landsat_pucallpa_change-pair/1985.tif',
].map((f) => join(FIXTURES, f));

describe('geoTransformFromGeoTiff', () => {
  it('equals GDAL GetGeoTransform() on every fixture raster', async () => {
    const gdal = JSON.parse(await runGdalPython('geotransforms.py', FILES)) as Record<string, number[]>;
    for (const file of FILES) {
      const { grid } = await readBand(file);
      grid.transform.forEach((value, k) => expect(value, `${file} [${k}]`).toBeCloseTo(gdal[file][k], 9));
    }
  });

  it('moves a PixelIsPoint origin half a pixel to the corner, rotation included', () => {
    const area = geoTransformFromGeoTiff({ modelPixelScale: [30, 30, 0], modelTiepoint: [0, 0, 0, 1000, 2000, 0] });
    const point = geoTransformFromGeoTiff({ modelPixelScale: [30, 30, 0], modelTiepoint: [0, 0, 0, 1000, 2000, 0], rasterType: 2 });
    expect(area).toEqual([1000, 30, 0, 2000, 0, -30]);
    expect(point).toEqual([985, 30, 0, 2015, 0, -30]);
    const rotated = geoTransformFromGeoTiff({ modelTransformation: [2, 1, 0, 100, 1, -2, 0, 200, 0, 0, 0, 0, 0, 0, 0, 1], rasterType: 2 });
    expect(rotated).toEqual([98.5, 2, 1, 200.5, 1, -2]);
  });

  it('uses a tiepoint that is not at pixel (0, 0)', () => {
    expect(geoTransformFromGeoTiff({ modelPixelScale: [10, 10, 0], modelTiepoint: [5, 2, 0, 1050, 1980, 0] }))
      .toEqual([1000, 10, 0, 2000, 0, -10]);
  });

  it('refuses a GeoTIFF without georeferencing', () => {
    expect(() => geoTransformFromGeoTiff({})).toThrow(/neither ModelTransformation nor ModelPixelScale/);
  });
});
