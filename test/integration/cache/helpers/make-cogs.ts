/**
 * Real Cloud-Optimized GeoTIFFs made by GDAL (`gdal_translate -of COG`) from the fixture rasters. Files are reused across test files and runs (keyed by their options), written to a
 * temp name and renamed so parallel test workers never see half a file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RASTER_SCENES } from '../../../helpers/fixtures';

export const S2_B04 = join(RASTER_SCENES.sentinel2, 'B04.tif');
export const S2_B08 = join(RASTER_SCENES.sentinel2, 'B08.tif');
export const S2_ITEM_JSON = join(RASTER_SCENES.sentinel2, 'S2A_29RKH_20200219_0_L2A.json');
export const LANDSAT_B4 = join(RASTER_SCENES.landsatC2, 'LC08_L2SP_008059_20191201_20200825_02_T1_SR_B4.TIF');

const OUT_DIR = join(tmpdir(), 'astra-cache-test-cogs-v1');
/** No `.aux.xml` next to the outputs. */
const NO_SIDECARS = { ...process.env, GDAL_PAM_ENABLED: 'NO' };

export interface CogOptions {
  blockSize: number;
  /** Resample to this percentage of the source size (more tiles for prefetch tests). */
  scalePercent?: number;
  compress?: 'DEFLATE' | 'NONE';
}

/** Path of a COG made from `source` with `options` (made once, then reused). */
export function makeCog(source: string, name: string, options: CogOptions): string {
  const scale = options.scalePercent ?? 100;
  const compress = options.compress ?? 'DEFLATE';
  const path = join(OUT_DIR, `${name}-bs${options.blockSize}-s${scale}-${compress}.tif`);
  if (existsSync(path)) return path;
  mkdirSync(OUT_DIR, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  execFileSync('gdal_translate', [
    '-q', '-of', 'COG',
    '-co', `BLOCKSIZE=${options.blockSize}`,
    '-co', `COMPRESS=${compress}`,
    '-co', 'OVERVIEWS=AUTO',
    ...(scale === 100 ? [] : ['-outsize', `${scale}%`, `${scale}%`, '-r', 'nearest']),
    source, temp,
  ], { env: NO_SIDECARS });
  renameSync(temp, path);
  return path;
}

/** A small JPEG quick-look of `source` (what a catalog's `thumbnail` asset holds). */
export function makeThumbnail(source: string, name: string): string {
  const path = join(OUT_DIR, `${name}-thumbnail.jpg`);
  if (existsSync(path)) return path;
  mkdirSync(OUT_DIR, { recursive: true });
  const temp = `${path}.${process.pid}.tmp.jpg`;
  execFileSync('gdal_translate', ['-q', '-of', 'JPEG', '-ot', 'Byte', '-scale', '-outsize', '64', '64', source, temp], { env: NO_SIDECARS });
  renameSync(temp, path);
  return path;
}
