"""GDAL's side of the composite benchmark: the same median NDVI composite with GDAL + numpy, timed.

usage: gdal_composite.py <manifest.json> <out dir> <error threshold in pixels>

The output grid is the manifest's (`grid`: the job's 4000 × 4000 UTM 31 grid). Per scene, in time
order (the 8 scenes are 8 observations: one scene per solar day):
  1. gdalwarp (gdal.Warp, to memory) of B04 and B08 onto the grid: bilinear, DN nodata 0 excluded,
     Float32 DN, -et <threshold>, the resampling scale fixed to 1 (-wo XSCALE=1 -wo YSCALE=1: GDAL
     otherwise widens the kernel under the rotation between UTM zones, see
     test/helpers/area-scenes/reference_scenes.py); SCL by nearest (outside it: 0, masked);
  2. numpy: reflectance = DN × 0.0001 − 0.1 and NDVI = (nir − red) / (nir + red) in float64, NaN
     where a band has no data or SCL is 0, 1, 3, 8, 9 or 10, stored as float32 in the stack.
Then np.nanmedian over the stack (float32), written as a tiled float32 GeoTIFF, and
`gdal_translate -of COG` (DEFLATE, floating-point predictor, 512² blocks, overviews, nodata NaN).
One thread throughout (GDAL's and numpy's defaults). Prints JSON: wall seconds per step and in
total, CPU seconds (this process + gdal_translate), peak RSS, the COG's path and size.
"""
import json
import os
import resource
import subprocess
import sys
import time
import warnings

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
manifest_path, out, error_threshold = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open(manifest_path) as f:
    manifest = json.load(f)
grid = manifest['grid']
t = grid['transform']
bounds = (t[0], t[3] + grid['height'] * t[5], t[0] + grid['width'] * t[1], t[3])
srs = osr.SpatialReference()
srs.ImportFromEPSG(grid['epsg'])
wkt = srs.ExportToWkt()


def warp(path, resampling, data_type, src_nodata):
    options = dict(format='MEM', outputBounds=bounds, width=grid['width'], height=grid['height'], dstSRS=wkt,
                   resampleAlg=resampling, outputType=data_type, errorThreshold=error_threshold)
    if resampling == 'bilinear':
        options.update(srcNodata=src_nodata, dstNodata=float('nan'), warpOptions=['XSCALE=1', 'YSCALE=1'])
    warped = gdal.Warp('', path, **options)  # held: its band must not outlive it
    return warped.GetRasterBand(1).ReadAsArray()


t0 = time.perf_counter()
scenes = sorted(manifest['scenes'], key=lambda s: (s['datetime'], s['id']))
stack = np.empty((len(scenes), grid['height'], grid['width']), np.float32)
warp_s = 0.0
for k, scene in enumerate(scenes):
    w0 = time.perf_counter()
    red = warp(scene['files']['B04']['path'], 'bilinear', gdal.GDT_Float32, 0)
    nir = warp(scene['files']['B08']['path'], 'bilinear', gdal.GDT_Float32, 0)
    scl = warp(scene['files']['SCL']['path'], 'near', gdal.GDT_Byte, None)
    warp_s += time.perf_counter() - w0
    r = red.astype(np.float64) * scene['bands']['red']['scale'] + scene['bands']['red']['offset']
    n = nir.astype(np.float64) * scene['bands']['nir']['scale'] + scene['bands']['nir']['offset']
    with np.errstate(divide='ignore', invalid='ignore'):
        ndvi = (n - r) / (n + r)
    ndvi[np.isin(scl, scene['mask']['invalid_classes'])] = np.nan
    stack[k] = ndvi
    del red, nir, scl, r, n, ndvi
with warnings.catch_warnings():
    warnings.simplefilter('ignore', RuntimeWarning)  # "All-NaN slice": pixels with no valid observation
    median = np.nanmedian(stack, axis=0)
del stack
t1 = time.perf_counter()

os.makedirs(out, exist_ok=True)
tmp = os.path.join(out, 'gdal-composite.tif')
cog = os.path.join(out, 'gdal-composite-cog.tif')
for path in (tmp, cog):
    if os.path.exists(path):
        os.remove(path)
dst = gdal.GetDriverByName('GTiff').Create(tmp, grid['width'], grid['height'], 1, gdal.GDT_Float32, ['TILED=YES', 'BLOCKXSIZE=512', 'BLOCKYSIZE=512'])
dst.SetGeoTransform(t)
dst.SetProjection(wkt)
band = dst.GetRasterBand(1)
band.SetNoDataValue(float('nan'))
band.WriteArray(median)
dst = None
del median
t2 = time.perf_counter()
subprocess.run(['gdal_translate', '-q', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=YES', '-co', 'BLOCKSIZE=512', tmp, cog], check=True)
t3 = time.perf_counter()
os.remove(tmp)
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    'warp_s': warp_s, 'numpy_s': t1 - t0 - warp_s, 'write_s': t2 - t1, 'cog_s': t3 - t2, 'total_s': t3 - t0,
    'cpu_s': own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    'peak_rss': own.ru_maxrss * 1024, 'bytes': os.path.getsize(cog), 'path': cog, 'scenes': len(scenes),
}))
