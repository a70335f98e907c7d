"""Builds a cross-zone warp case with GDAL, for test/unit/workers/warp.test.ts.

usage: make-warp-case.py <out dir>

Writes into <out dir>:
  source-values.tif   EPSG:32633, 30 m, 240x200 Float32: a smooth field plus texture, with a NaN hole (nodata NaN)
  source-classes.tif  same grid, Float32 holding random integer classes 0..9
  warped-bilinear.tif gdalwarp -r bilinear of source-values onto an EPSG:32634 grid at 20 m
  warped-near.tif     gdalwarp -r near of source-classes onto the same grid
The target grid covers the source's footprint plus a margin, so it has pixels outside the source.
gdalwarp runs with -et 0 (exact transformation) so it is the reference for coordinates too.
"""
import os
import subprocess
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
out = sys.argv[1]
WIDTH, HEIGHT, RES = 240, 200, 30.0
ORIGIN = (736000.0, 5002000.0)  # ~45.1N 17.9E: east edge of zone 33, a few km from zone 34


def write(name, data):
    ds = gdal.GetDriverByName('GTiff').Create(os.path.join(out, name), WIDTH, HEIGHT, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((ORIGIN[0], RES, 0, ORIGIN[1], 0, -RES))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(float('nan'))
    band.WriteArray(data)
    ds = None


rng = np.random.default_rng(42)
cols, rows = np.meshgrid(np.arange(WIDTH), np.arange(HEIGHT))
values = 0.3 + 0.2 * np.sin(cols / 23.0) * np.cos(rows / 31.0) + 0.05 * np.sin(cols / 3.1 + rows / 4.7)
values[80:95, 100:120] = np.nan
write('source-values.tif', values.astype(np.float32))
write('source-classes.tif', rng.integers(0, 10, size=(HEIGHT, WIDTH)).astype(np.float32))

src = osr.SpatialReference()
src.ImportFromEPSG(32633)
dst = osr.SpatialReference()
dst.ImportFromEPSG(32634)
for s in (src, dst):
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_dst = osr.CoordinateTransformation(src, dst)
corners = [to_dst.TransformPoint(ORIGIN[0] + c * RES, ORIGIN[1] - r * RES) for c in (0, WIDTH) for r in (0, HEIGHT)]
xs = [p[0] for p in corners]
ys = [p[1] for p in corners]
margin, tr = 300.0, 20.0
te = [np.floor((min(xs) - margin) / tr) * tr, np.floor((min(ys) - margin) / tr) * tr,
      np.ceil((max(xs) + margin) / tr) * tr, np.ceil((max(ys) + margin) / tr) * tr]
for method, source, target in (('bilinear', 'source-values.tif', 'warped-bilinear.tif'), ('near', 'source-classes.tif', 'warped-near.tif')):
    subprocess.run(['gdalwarp', '-q', '-overwrite', '-t_srs', 'EPSG:32634', '-te', *map(str, te), '-tr', str(tr), str(tr),
                    '-r', method, '-et', '0', '-dstnodata', 'nan', '-ot', 'Float32',
                    os.path.join(out, source), os.path.join(out, target)], check=True)
