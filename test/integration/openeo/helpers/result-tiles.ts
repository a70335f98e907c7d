/**
 * Result files for the fake openEO back-end, made by GDAL: a batch job's output split over two
 * adjacent Cloud-Optimized GeoTIFF tiles (west and east half of one UTM grid), as back-ends split
 * large results over several assets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYTHON, run } from '../../../helpers/gdal';

const MAKE_TILES = `
import sys, numpy as np
from osgeo import gdal, osr
gdal.UseExceptions()
out = sys.argv[1]
srs = osr.SpatialReference(); srs.ImportFromEPSG(32631)
for i, name in enumerate(['part-west.tif', 'part-east.tif']):
    mem = gdal.GetDriverByName('MEM').Create('', 64, 64, 1, gdal.GDT_Float32)
    mem.SetGeoTransform([600000 + i * 640, 10, 0, 5700000, 0, -10])
    mem.SetProjection(srs.ExportToWkt())
    values = np.fromfunction(lambda y, x: (x + i * 64 - y) / 128.0, (64, 64), dtype=np.float32)
    band = mem.GetRasterBand(1); band.WriteArray(values); band.SetNoDataValue(float('nan'))
    gdal.Translate(f'{out}/{name}', mem, format='COG', creationOptions=['BLOCKSIZE=256'])
`;

export interface ResultTiles { dir: string; west: string; east: string }

export async function makeResultTiles(): Promise<ResultTiles> {
  const dir = mkdtempSync(join(tmpdir(), 'astra-fake-openeo-'));
  await run(PYTHON, ['-c', MAKE_TILES, dir]);
  return { dir, west: join(dir, 'part-west.tif'), east: join(dir, 'part-east.tif') };
}
