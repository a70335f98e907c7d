"""Makes the COGs the processing tests serve through the fake upstream, with GDAL only.

usage: make_cogs.py <fixture rasters dir> <out dir>

Reads the fixture rasters from <fixture rasters dir> (test/fixtures/rasters, passed by made-cogs.ts
from test/helpers/fixtures.ts) and writes into <out dir> (each a COG: DEFLATE, 512x512 tiles, overviews):
  landsat/LC08_L2SP_008059_20191201_20200825_02_T1_{SR_B4,SR_B5,QA_PIXEL}.TIF
      the Landsat fixture (strips, not a COG) through gdal_translate -of COG, pixels unchanged
  pucallpa/{1985,2020}.tif
      the Pucallpa change pair through gdal_translate -of COG (adds overviews), pixels unchanged
  synthetic/{red,nir}.tif
      EPSG:32633, 10 m, 1300x900 UInt16 DN, nodata 0: smooth fields + texture, a nodata hole in red,
      a nodata strip in nir (scale 0.0001 offset -0.1 as Sentinel-2 PB >= 04.00)
  zone28/{B04,B08,SCL}.tif
      the Sentinel-2 29RKH fixture (EPSG:32629) warped by gdalwarp into the neighbouring UTM zone
      EPSG:32628 at 100 m (reflectance bilinear, SCL near), to pair with the original across zones
Prints a JSON summary (paths, sizes).
"""
import json
import os
import subprocess
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
FIXTURES = sys.argv[1]
LANDSAT = os.path.join(FIXTURES, 'landsat-c2-l2_LC08_L2SP_008059_20191201')
S2 = os.path.join(FIXTURES, 'sentinel-2-l2a_S2A_29RKH_20200219')
COG = ['-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'BLOCKSIZE=512', '-co', 'OVERVIEWS=AUTO']
out = sys.argv[2]


def run(*args):
    subprocess.run(list(args), check=True)


def translate_cog(src, dst, extra=()):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if not os.path.exists(dst):
        run('gdal_translate', '-q', *COG, *extra, src, dst)
    return dst


def landsat():
    paths = {}
    for band in ('SR_B4', 'SR_B5', 'QA_PIXEL'):
        name = f'LC08_L2SP_008059_20191201_20200825_02_T1_{band}.TIF'
        paths[band] = translate_cog(os.path.join(LANDSAT, name), os.path.join(out, 'landsat', name), ('-co', 'RESAMPLING=NEAREST'))
    return paths


def pucallpa():
    return {year: translate_cog(os.path.join(FIXTURES, 'landsat_pucallpa_change-pair', f'{year}.tif'), os.path.join(out, 'pucallpa', f'{year}.tif'))
            for year in ('1985', '2020')}


def synthetic():
    folder = os.path.join(out, 'synthetic')
    os.makedirs(folder, exist_ok=True)
    width, height, res, origin = 1300, 900, 10.0, (500000.0, 5600000.0)
    cols, rows = np.meshgrid(np.arange(width), np.arange(height))
    rng = np.random.default_rng(7)
    red = 1800 + 700 * np.sin(cols / 57.0) * np.cos(rows / 43.0) + rng.normal(0, 40, (height, width))
    nir = 3200 + 1500 * np.cos(cols / 71.0 + rows / 97.0) + rng.normal(0, 60, (height, width))
    red = np.clip(red, 1, 65535).astype(np.uint16)
    nir = np.clip(nir, 1, 65535).astype(np.uint16)
    red[300:340, 600:700] = 0
    nir[:, 1000:1010] = 0
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    paths = {}
    for name, data in (('red', red), ('nir', nir)):
        mem = gdal.GetDriverByName('MEM').Create('', width, height, 1, gdal.GDT_UInt16)
        mem.SetGeoTransform((origin[0], res, 0, origin[1], 0, -res))
        mem.SetProjection(srs.ExportToWkt())
        mem.GetRasterBand(1).SetNoDataValue(0)
        mem.GetRasterBand(1).WriteArray(data)
        path = os.path.join(folder, f'{name}.tif')
        if not os.path.exists(path):
            gdal.Translate(path, mem, options=COG)
        paths[name] = path
    return paths


def zone28():
    folder = os.path.join(out, 'zone28')
    os.makedirs(folder, exist_ok=True)
    paths = {}
    for band, method in (('B04', 'bilinear'), ('B08', 'bilinear'), ('SCL', 'near')):
        path = os.path.join(folder, f'{band}.tif')
        if not os.path.exists(path):
            tmp = path + '.warp.tif'
            run('gdalwarp', '-q', '-overwrite', '-t_srs', 'EPSG:32628', '-tr', '100', '100', '-r', method,
                '-srcnodata', '0', '-dstnodata', '0', os.path.join(S2, f'{band}.tif'), tmp)
            run('gdal_translate', '-q', *COG, '-co', 'RESAMPLING=NEAREST', tmp, path)
            os.remove(tmp)
        paths[band] = path
    return paths


def describe(path):
    ds = gdal.Open(path)
    t = ds.GetGeoTransform()
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    srs.AutoIdentifyEPSG()
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(srs, wgs)
    xs, ys = [], []
    for c in np.linspace(0, ds.RasterXSize, 9):
        for r in np.linspace(0, ds.RasterYSize, 9):
            lon, lat, _ = ct.TransformPoint(t[0] + c * t[1], t[3] + r * t[5])
            xs.append(lon)
            ys.append(lat)
    return {'path': path, 'width': ds.RasterXSize, 'height': ds.RasterYSize, 'epsg': int(srs.GetAuthorityCode(None)),
            'geotransform': list(t), 'bbox': [min(xs), min(ys), max(xs), max(ys)]}


made = {'landsat': landsat(), 'pucallpa': pucallpa(), 'synthetic': synthetic(), 'zone28': zone28()}
print(json.dumps({group: {name: describe(path) for name, path in paths.items()} for group, paths in made.items()}))
