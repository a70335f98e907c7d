"""Are two rasters pixel-identical? usage: same_pixels.py <a.tif> <b.tif>
Prints JSON: same size/geotransform/band count, and per band whether every pixel (NaN = NaN) and
every overview pixel is identical."""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
a, b = gdal.Open(sys.argv[1]), gdal.Open(sys.argv[2])
out = {'size': [a.RasterXSize, a.RasterYSize] == [b.RasterXSize, b.RasterYSize],
       'geotransform': a.GetGeoTransform() == b.GetGeoTransform(), 'bands': a.RasterCount == b.RasterCount, 'identical': []}
for i in range(1, a.RasterCount + 1):
    ba, bb = a.GetRasterBand(i), b.GetRasterBand(i)
    levels = [(ba, bb)] + [(ba.GetOverview(k), bb.GetOverview(k)) for k in range(ba.GetOverviewCount())]
    same = ba.GetOverviewCount() == bb.GetOverviewCount() and all(
        np.array_equal(x.ReadAsArray(), y.ReadAsArray(), equal_nan=True) for x, y in levels)
    out['identical'].append(bool(same))
print(json.dumps(out))
