"""Prints pixels of a raster as GDAL reads them: JSON rows, NaN as null.

usage: read_pixels.py PATH BAND XOFF YOFF WIDTH HEIGHT
"""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()

path, band, xoff, yoff, width, height = sys.argv[1], *map(int, sys.argv[2:7])
ds = gdal.Open(path)
rows = ds.GetRasterBand(band).ReadAsArray(xoff, yoff, width, height).astype(np.float64)
print(json.dumps([[None if np.isnan(v) else v for v in row] for row in rows.tolist()]))
