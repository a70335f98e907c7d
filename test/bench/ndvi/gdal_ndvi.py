"""GDAL's side of the NDVI benchmark: the same product with GDAL + numpy, timed.

usage: gdal_ndvi.py <B04.tif> <B08.tif> <out dir>

Step 1 (numpy through GDAL, block by block): NDVI = (nir - red) / (nir + red) on reflectance
(DN * 0.0001; the scale cancels, computed in float64), NaN where either band is nodata (0),
written as a tiled float32 GeoTIFF. Step 2: gdal_translate -of COG (DEFLATE, PREDICTOR=YES i.e.
floating-point predictor, 512x512 tiles, overviews, nodata NaN) — the file our job writes.
(gdal_calc.py in GDAL 3.6 cannot write NaN as nodata — its output is all nodata — hence numpy.)
Prints JSON: wall seconds per step and in total, CPU seconds (this process + gdal_translate), the output size.
"""
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
red_path, nir_path, out = sys.argv[1:4]
tmp = os.path.join(out, 'gdal-ndvi.tif')
cog = os.path.join(out, 'gdal-ndvi-cog.tif')
for path in (tmp, cog):
    if os.path.exists(path):
        os.remove(path)

t0 = time.perf_counter()
red_ds, nir_ds = gdal.Open(red_path), gdal.Open(nir_path)
w, h = red_ds.RasterXSize, red_ds.RasterYSize
dst = gdal.GetDriverByName('GTiff').Create(tmp, w, h, 1, gdal.GDT_Float32, ['TILED=YES', 'BLOCKXSIZE=512', 'BLOCKYSIZE=512', 'BIGTIFF=YES'])
dst.SetGeoTransform(red_ds.GetGeoTransform())
dst.SetProjection(red_ds.GetProjection())
band = dst.GetRasterBand(1)
band.SetNoDataValue(float('nan'))
for y in range(0, h, 512):
    rows = min(512, h - y)
    red = red_ds.GetRasterBand(1).ReadAsArray(0, y, w, rows).astype(np.float64) * 0.0001
    nir = nir_ds.GetRasterBand(1).ReadAsArray(0, y, w, rows).astype(np.float64) * 0.0001
    with np.errstate(divide='ignore', invalid='ignore'):
        ndvi = (nir - red) / (nir + red)
    ndvi[(red == 0) | (nir == 0)] = np.nan
    band.WriteArray(ndvi.astype(np.float32), 0, y)
dst = None
t1 = time.perf_counter()
subprocess.run(['gdal_translate', '-q', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=YES', '-co', 'BLOCKSIZE=512', tmp, cog], check=True)
t2 = time.perf_counter()
size = os.path.getsize(cog)
os.remove(tmp)
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps({'numpy_s': t1 - t0, 'cog_s': t2 - t1, 'total_s': t2 - t0, 'cpu_s': cpu, 'bytes': size, 'path': cog}))
