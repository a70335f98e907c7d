/**
 * The writer across shapes and types, each judged by GDAL: a single-tile raster, BigTIFF,
 * integer types with predictor 2, and the overview sizes GDAL's COG driver would choose.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCogWriter } from '../../../electron/service/raster/cog-writer';
import { pyramidGeometry } from '../../../workers/lib/cog/pyramid-geometry';
import { referenceReport, type ReferenceReport } from './helpers/cog-reference';
import { epsgOf, gdalinfo, runPythonHelper } from './helpers/gdal-tools';
import type { SyntheticRaster } from './helpers/synthetic-raster';
import { writeSyntheticCog } from './helpers/write-synthetic-cog';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astra-cog-layouts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(n), 0, n, 0);
    return buffer;
  } finally {
    await file.close();
  }
}

/** Valid COG without warnings, every pixel exact, overviews equal to numpy's and GDAL's. */
function expectExact(report: ReferenceReport, overviewCount: number): void {
  expect(report.validation).toEqual({ warnings: [], errors: [] });
  for (const band of report.bands) {
    expect(band.fullResMismatches).toBe(0);
    expect(band.overviews).toHaveLength(overviewCount);
    for (const overview of band.overviews) {
      expect(overview.numpyMismatches).toBe(0);
      expect(overview.gdalMismatches).toBe(0);
    }
  }
}

it('a raster within one tile has no overviews and is a valid COG without warnings', async () => {
  const raster: SyntheticRaster = { width: 500, height: 300, bands: ['gradient'], dataType: 'float32', nodata: -9999 };
  const path = join(dir, 'single.tif');
  const result = await writeSyntheticCog(raster, { path, epsg: 3857, geoTransform: [1e6, 20, 0, 6e6, 0, -20] });
  expect(result.overviews).toEqual([]);
  const info = await gdalinfo(path);
  expect(info.size).toEqual([500, 300]);
  expect(epsgOf(info)).toBe(3857);
  expect(info.bands[0].block).toEqual([512, 512]);
  expect(info.bands[0].overviews ?? []).toEqual([]);
  expectExact(await referenceReport(path, raster, ['average']), 0);
});

it('BigTIFF when forced: GDAL reads it, the validator accepts it, pixels are exact', async () => {
  const raster: SyntheticRaster = { width: 700, height: 600, bands: ['gradient'], dataType: 'float32', nodata: -9999 };
  const path = join(dir, 'big.tif');
  const result = await writeSyntheticCog(raster, { path, epsg: 32633, geoTransform: [399960, 10, 0, 5900040, 0, -10], bigTiff: 'force' });
  expect(result.bigTiff).toBe(true);
  // "II", version 43, 8-byte offsets: the BigTIFF header.
  expect([...(await firstBytes(path, 6))]).toEqual([0x49, 0x49, 43, 0, 8, 0]);
  const info = await gdalinfo(path);
  expect(info.size).toEqual([700, 600]);
  expect(info.bands[0].overviews?.map((o) => o.size)).toEqual([[350, 300]]);
  expectExact(await referenceReport(path, raster, ['average']), 1);
});

it('classic TIFF by default for small rasters', async () => {
  const raster: SyntheticRaster = { width: 64, height: 64, bands: ['gradient'], dataType: 'float32', nodata: -9999 };
  const path = join(dir, 'classic.tif');
  const result = await writeSyntheticCog(raster, { path, epsg: 32633, geoTransform: [0, 1, 0, 64, 0, -1] });
  expect(result.bigTiff).toBe(false);
  expect([...(await firstBytes(path, 4))]).toEqual([0x49, 0x49, 42, 0]);
});

describe.each([
  { dataType: 'uint8' as const, bands: ['gradient'] as const, nodata: 255, gdalType: 'Byte' },
  { dataType: 'int16' as const, bands: ['gradient', 'classes'] as const, nodata: -32768, gdalType: 'Int16' },
  { dataType: 'uint16' as const, bands: ['gradient'] as const, nodata: undefined, gdalType: 'UInt16' },
])('$dataType with predictor 2', ({ dataType, bands, nodata, gdalType }) => {
  it('is a valid COG whose pixels and rounded averages match numpy and GDAL', async () => {
    const raster: SyntheticRaster = { width: 600, height: 520, bands: [...bands], dataType, nodata };
    const path = join(dir, `${dataType}.tif`);
    const resampling = bands.map((kind) => (kind === 'classes' ? 'nearest' : 'average'));
    await writeSyntheticCog(raster, { path, epsg: 32633, geoTransform: [399960, 10, 0, 5900040, 0, -10], overviewResampling: resampling });
    const info = await gdalinfo(path);
    expect(info.bands.map((b) => b.type)).toEqual(bands.map(() => gdalType));
    expect(info.metadata.IMAGE_STRUCTURE).toMatchObject({ COMPRESSION: 'DEFLATE', PREDICTOR: '2' });
    expect(info.bands[0].noDataValue).toBe(nodata);
    expectExact(await referenceReport(path, raster, resampling), 1);
  });
});

it('converts float32 planes for an integer file: round half away from zero, clamp, NaN → nodata', async () => {
  const path = join(dir, 'converted.tif');
  const writer = await createCogWriter({
    path, width: 8, height: 1, bands: 1, dataType: 'int16', nodata: -32768, epsg: 32633, geoTransform: [0, 1, 0, 1, 0, -1],
  });
  await writer.writeTile(0, 0, [Float32Array.of(0.4, 0.5, -0.5, -1.5, 2.5, 40000, -40000, Number.NaN)]);
  await writer.finish();
  const [row] = await runPythonHelper<number[][]>('read_pixels.py', [path, '1', '0', '0', '8', '1']);
  expect(row).toEqual([0, 1, -1, -2, 3, 32767, -32768, -32768]);
});

describe('overview pyramid', () => {
  const sizes: [number, number][] = [[1300, 900], [1025, 513], [513, 512], [512, 513], [4097, 300], [3000, 1], [8000, 8000], [512, 512]];

  it('has the level sizes GDAL\'s overview builder gives factors 2, 4, 8, …', async () => {
    const ours = sizes.map(([w, h]) => pyramidGeometry(w, h, 512).slice(1).map((level) => [level.width, level.height]));
    const gdalSizes = await runPythonHelper<number[][][]>('cog_overview_sizes.py', sizes.map(([w, h], i) => `${w}x${h}x${ours[i].length}`));
    expect(ours).toEqual(gdalSizes);
  });

  it('stops at the first level that fits in one tile', () => {
    for (const [w, h] of sizes) {
      const levels = pyramidGeometry(w, h, 512);
      const last = levels[levels.length - 1];
      expect(Math.max(last.width, last.height)).toBeLessThanOrEqual(512);
      levels.slice(0, -1).forEach((level) => expect(Math.max(level.width, level.height)).toBeGreaterThan(512));
    }
  });

  it('reduces odd-sized levels by exact 2×2 blocks (numpy), and the file stays a valid COG', async () => {
    const raster: SyntheticRaster = { width: 1031, height: 517, bands: ['gradient'], dataType: 'float32', nodata: -9999 };
    const path = join(dir, 'odd.tif');
    const result = await writeSyntheticCog(raster, { path, epsg: 32633, geoTransform: [399960, 10, 0, 5900040, 0, -10] });
    expect(result.overviews).toEqual([{ width: 516, height: 259 }, { width: 258, height: 130 }]);
    const report = await referenceReport(path, raster, ['average']);
    expect(report.validation).toEqual({ warnings: [], errors: [] });
    const [band] = report.bands;
    expect(band.fullResMismatches).toBe(0);
    expect(band.overviews.map((o) => o.numpyMismatches)).toEqual([0, 0]);
  });
});
