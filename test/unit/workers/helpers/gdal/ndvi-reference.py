"""Independent NDVI reference with GDAL + numpy, for test/unit/workers/ndvi-real-rasters.test.ts.

usage: ndvi-reference.py s2|landsat <scene dir> <out prefix>

Reads the bands with GDAL, takes scale/offset from the scene's own metadata (STAC item raster:bands
for Sentinel-2, MTL.json for Landsat), masks nodata (DN 0) and clouds (SCL warped to the 10 m grid
with nearest; QA_PIXEL bits 0-4), computes NDVI in float64 and writes little-endian float32 (NaN =
no data) to <prefix>-float64.f32; and to <prefix>-float32-reflectance.f32 the same with the
reflectances rounded to float32 first, as a pipeline that stores reflectance as Float32 does.
"""
import glob
import json
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def reflectance(path, scale, offset, round_to_float32):
    dn = gdal.Open(path).ReadAsArray().astype(np.float64)
    value = dn * scale + offset
    if round_to_float32:
        value = value.astype(np.float32).astype(np.float64)
    value[dn == 0] = np.nan
    return value


def sentinel2(scene, round_to_float32):
    item = json.load(open(glob.glob(os.path.join(scene, '*.json'))[0]))
    bands = {key: item['assets'][key]['raster:bands'][0] for key in ('red', 'nir')}
    red = reflectance(os.path.join(scene, 'B04.tif'), bands['red']['scale'], bands['red']['offset'], round_to_float32)
    nir = reflectance(os.path.join(scene, 'B08.tif'), bands['nir']['scale'], bands['nir']['offset'], round_to_float32)
    grid = gdal.Open(os.path.join(scene, 'B04.tif'))
    gt = grid.GetGeoTransform()
    bounds = [gt[0], gt[3] + gt[5] * grid.RasterYSize, gt[0] + gt[1] * grid.RasterXSize, gt[3]]
    scl = gdal.Warp('', os.path.join(scene, 'SCL.tif'), format='MEM', outputBounds=bounds,
                    width=grid.RasterXSize, height=grid.RasterYSize, resampleAlg='near').ReadAsArray()
    cloudy = np.isin(scl, [0, 1, 3, 8, 9, 10])
    return nir, red, cloudy


def landsat(scene, round_to_float32):
    mtl = json.load(open(glob.glob(os.path.join(scene, '*_MTL.json'))[0]))
    factors = mtl['LANDSAT_METADATA_FILE']['LEVEL2_SURFACE_REFLECTANCE_PARAMETERS']

    def band(n):
        path = glob.glob(os.path.join(scene, f'*_SR_B{n}.TIF'))[0]
        return reflectance(path, float(factors[f'REFLECTANCE_MULT_BAND_{n}']), float(factors[f'REFLECTANCE_ADD_BAND_{n}']), round_to_float32)

    qa = gdal.Open(glob.glob(os.path.join(scene, '*_QA_PIXEL.TIF'))[0]).ReadAsArray()
    return band(5), band(4), (qa & 0b11111) != 0


def main():
    sensor, scene, prefix = sys.argv[1:4]
    for variant, round_to_float32 in (('float64', False), ('float32-reflectance', True)):
        nir, red, cloudy = (sentinel2 if sensor == 's2' else landsat)(scene, round_to_float32)
        with np.errstate(divide='ignore', invalid='ignore'):
            ndvi = (nir - red) / (nir + red)
        ndvi[(nir + red) == 0] = np.nan
        ndvi[cloudy] = np.nan
        ndvi.astype('<f4').tofile(f'{prefix}-{variant}.f32')


main()
