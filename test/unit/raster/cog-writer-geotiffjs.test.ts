/**
 * The renderer and the workers read COGs with geotiff.js: it must see the same pixels, the
 * overviews, the nodata value and the georeferencing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile, type GeoTIFF } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CogWriteResult } from '../../../electron/service/raster/cog-writer';
import { pixelValue, type SyntheticRaster } from './helpers/synthetic-raster';
import { writeSyntheticCog } from './helpers/write-synthetic-cog';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astra-cog-geotiffjs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectedBand(raster: SyntheticRaster, band: number): Float32Array {
  const out = new Float32Array(raster.width * raster.height);
  for (let y = 0; y < raster.height; y++) for (let x = 0; x < raster.width; x++) out[y * raster.width + x] = pixelValue(raster, band, x, y);
  return out;
}

/** Bitwise equality, so NaN matches NaN; returns the number of differing samples. */
function differing(a: ArrayLike<number>, b: Float32Array): number {
  const left = new Uint32Array(Float32Array.from(a).buffer);
  const right = new Uint32Array(b.buffer);
  let n = 0;
  for (let i = 0; i < right.length; i++) if (left[i] !== right[i]) n++;
  return n + Math.abs(left.length - right.length);
}

describe.each([
  { name: '1 band, EPSG:32633', bigTiff: 'auto' as const, raster: { width: 1300, height: 900, bands: ['gradient'], dataType: 'float32', nodata: -9999 } as SyntheticRaster, epsg: 32633 },
  { name: '2 bands, EPSG:4326, BigTIFF', bigTiff: 'force' as const, raster: { width: 1100, height: 600, bands: ['gradient', 'classes'], dataType: 'float32', nodata: Number.NaN } as SyntheticRaster, epsg: 4326 },
])('geotiff.js reads $name', ({ raster, epsg, bigTiff }) => {
  const geoTransform = epsg === 4326 ? ([12.5, 0.0001, 0, 45.25, 0, -0.0001] as const) : ([399960, 10, 0, 5900040, 0, -10] as const);
  let tiff: GeoTIFF;
  let result: CogWriteResult;

  beforeAll(async () => {
    const path = join(dir, `${epsg}.tif`);
    result = await writeSyntheticCog(raster, {
      path, epsg, geoTransform, bigTiff, overviewResampling: raster.bands.map((kind) => (kind === 'classes' ? 'nearest' : 'average')),
    });
    tiff = await fromFile(path);
  });

  it('finds the full-resolution image, then the overviews, largest first', async () => {
    const count = await tiff.getImageCount();
    expect(count).toBe(3);
    const sizes = await Promise.all(Array.from({ length: count }, async (_, i) => {
      const image = await tiff.getImage(i);
      return [image.getWidth(), image.getHeight(), image.getTileWidth(), image.getSamplesPerPixel()];
    }));
    const levels = [{ width: raster.width, height: raster.height }, ...result.overviews];
    expect(sizes).toEqual(levels.map(({ width, height }) => [width, height, 512, raster.bands.length]));
  });

  it('reads the georeferencing and nodata', async () => {
    const image = await tiff.getImage(0);
    expect(image.getOrigin()).toEqual([geoTransform[0], geoTransform[3], 0]);
    expect(image.getResolution()).toEqual([geoTransform[1], geoTransform[5], 0]);
    const keys = image.getGeoKeys();
    expect(epsg === 4326 ? keys?.GeographicTypeGeoKey : keys?.ProjectedCSTypeGeoKey).toBe(epsg);
    expect(keys?.GTRasterTypeGeoKey).toBe(1);
    if (Number.isNaN(raster.nodata)) expect(image.getGDALNoData()).toBeNaN();
    else expect(image.getGDALNoData()).toBe(raster.nodata);
  });

  it('reads every full-resolution pixel as written', async () => {
    const image = await tiff.getImage(0);
    const bands = (await image.readRasters()) as unknown as ArrayLike<number>[];
    expect(bands).toHaveLength(raster.bands.length);
    raster.bands.forEach((_, band) => expect(differing(bands[band], expectedBand(raster, band))).toBe(0));
  });
});
