/**
 * The COG writer judged by GDAL: gdalinfo, the COG validator, and every pixel of every level
 * read back through GDAL and compared with numpy references and with GDAL's own overviews.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CogWriteResult } from '../../../electron/service/raster/cog-writer';
import { referenceReport } from './helpers/cog-reference';
import { epsgOf, gdalinfo, validateCog, type GdalInfo } from './helpers/gdal-tools';
import type { SyntheticRaster } from './helpers/synthetic-raster';
import { writeSyntheticCog } from './helpers/write-synthetic-cog';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astra-cog-gdal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('1 band float32, EPSG:32633, nodata -9999, 1300×900', () => {
  const raster: SyntheticRaster = { width: 1300, height: 900, bands: ['gradient'], dataType: 'float32', nodata: -9999 };
  const geoTransform = [399960, 10, 0, 5900040, 0, -10] as const;
  let path: string;
  let result: CogWriteResult;
  let info: GdalInfo;

  beforeAll(async () => {
    path = join(dir, 'utm-1band.tif');
    result = await writeSyntheticCog(raster, { path, epsg: 32633, geoTransform, bandDescriptions: ['ndvi'], compressionLevel: 6 });
    info = await gdalinfo(path);
  });

  it('is a valid COG with no warnings', async () => {
    const validation = await validateCog(path);
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it('has the size, CRS, geotransform and nodata GDAL expects', () => {
    expect(info.size).toEqual([1300, 900]);
    expect(epsgOf(info)).toBe(32633);
    expect(info.geoTransform).toEqual([...geoTransform]);
    expect(info.metadata['']?.AREA_OR_POINT).toBe('Area');
    expect(info.bands[0].noDataValue).toBe(-9999);
    expect(info.bands[0].type).toBe('Float32');
    expect(info.bands[0].description).toBe('ndvi');
  });

  it('is tiled 512, DEFLATE with the floating-point predictor, with 2 overviews', () => {
    expect(info.bands[0].block).toEqual([512, 512]);
    expect(info.metadata.IMAGE_STRUCTURE).toMatchObject({ COMPRESSION: 'DEFLATE', PREDICTOR: '3', LAYOUT: 'COG' });
    // 1300×900 → 650×450 (still wider than 512) → 325×225
    expect(info.bands[0].overviews?.map((o) => o.size)).toEqual([[650, 450], [325, 225]]);
    expect(result.overviews).toEqual([{ width: 650, height: 450 }, { width: 325, height: 225 }]);
    expect(result.bigTiff).toBe(false);
  });

  it('stores every full-resolution pixel exactly and overviews equal to numpy and to GDAL', async () => {
    const report = await referenceReport(path, raster, ['average']);
    const [band] = report.bands;
    expect(band.fullResMismatches).toBe(0);
    expect(band.overviews.map((o) => o.size)).toEqual([[650, 450], [325, 225]]);
    for (const overview of band.overviews) {
      expect(overview.numpyMismatches).toBe(0);
      expect(overview.gdalMismatches).toBe(0);
      expect(overview.validPixels).toBeGreaterThan(0);
    }
    const expected = band.statistics;
    const [stats] = result.statistics;
    expect(stats.validCount).toBe(expected.validCount);
    expect(stats.validFraction).toBe(expected.validCount / (1300 * 900));
    expect([stats.min, stats.max]).toEqual([expected.min, expected.max]);
    expect(stats.mean).toBeCloseTo(expected.mean, 9);
    expect(stats.stdDev).toBeCloseTo(expected.stdDev, 9);
    // The same numbers reach GDAL through GDAL_METADATA.
    const written = info.bands[0].metadata?.[''] ?? {};
    expect(Number(written.STATISTICS_MINIMUM)).toBe(expected.min);
    expect(Number(written.STATISTICS_MAXIMUM)).toBe(expected.max);
    expect(Number(written.STATISTICS_MEAN)).toBeCloseTo(expected.mean, 9);
    expect(Number(written.STATISTICS_STDDEV)).toBeCloseTo(expected.stdDev, 9);
    expect(Number(written.STATISTICS_VALID_PERCENT)).toBeCloseTo((100 * expected.validCount) / (1300 * 900), 9);
  });
});

describe('2 bands float32 (data + classes), EPSG:4326, nodata NaN, rows of tiles shuffled', () => {
  const raster: SyntheticRaster = { width: 1300, height: 900, bands: ['gradient', 'classes'], dataType: 'float32', nodata: Number.NaN };
  const geoTransform = [12.5, 0.0001, 0, 45.25, 0, -0.0001] as const;
  let path: string;
  let info: GdalInfo;

  beforeAll(async () => {
    path = join(dir, 'wgs84-2band.tif');
    await writeSyntheticCog(raster, {
      path, epsg: 4326, geoTransform, overviewResampling: ['average', 'nearest'], bandDescriptions: ['ndvi', 'class'],
      order: 'shuffled', shape: 'full',
    });
    info = await gdalinfo(path);
  });

  it('is a valid COG with no warnings', async () => {
    const validation = await validateCog(path);
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
  });

  it('is geographic EPSG:4326 with NaN nodata, band-interleaved', () => {
    expect(epsgOf(info)).toBe(4326);
    expect(info.geoTransform).toEqual([...geoTransform]);
    expect(info.bands.map((b) => b.noDataValue)).toEqual(['NaN', 'NaN']);
    expect(info.bands.map((b) => b.description)).toEqual(['ndvi', 'class']);
    expect(info.metadata.IMAGE_STRUCTURE).toMatchObject({ COMPRESSION: 'DEFLATE', PREDICTOR: '3', INTERLEAVE: 'BAND' });
    expect(info.bands[1].overviews?.map((o) => o.size)).toEqual([[650, 450], [325, 225]]);
  });

  it('averages the data band and takes the nearest class, as numpy and GDAL do', async () => {
    const report = await referenceReport(path, raster, ['average', 'nearest']);
    for (const band of report.bands) {
      expect(band.fullResMismatches).toBe(0);
      expect(band.overviews).toHaveLength(2);
      for (const overview of band.overviews) {
        expect(overview.numpyMismatches).toBe(0);
        expect(overview.gdalMismatches).toBe(0);
      }
    }
  });
});
