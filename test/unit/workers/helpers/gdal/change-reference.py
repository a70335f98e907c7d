"""NDVI change counts for the Pucallpa pair with GDAL + numpy in float64, for change.test.ts.

usage: change-reference.py <pair dir> <threshold>
prints JSON {gain, loss, invalid, near_gain, near_loss}: strict counts of diff > t and diff < -t
(diff = NDVI 2020 - NDVI 1985; band 2 NIR, band 3 red, nodata 0), and how many pixels lie within
1e-6 of +t / -t, where float32 storage of NDVI may legitimately move a pixel across the threshold.
"""
import json
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
pair, threshold = sys.argv[1], float(sys.argv[2])


def ndvi(year):
    ds = gdal.Open(os.path.join(pair, f'{year}.tif'))
    nir = ds.GetRasterBand(2).ReadAsArray().astype(np.float64)
    red = ds.GetRasterBand(3).ReadAsArray().astype(np.float64)
    with np.errstate(divide='ignore', invalid='ignore'):
        value = (nir - red) / (nir + red)
    value[(nir == 0) | (red == 0) | (nir + red == 0)] = np.nan
    return value


diff = ndvi('2020') - ndvi('1985')
valid = ~np.isnan(diff)
print(json.dumps({
    'gain': int((diff[valid] > threshold).sum()),
    'loss': int((diff[valid] < -threshold).sum()),
    'invalid': int((~valid).sum()),
    'near_gain': int((np.abs(diff[valid] - threshold) < 1e-6).sum()),
    'near_loss': int((np.abs(diff[valid] + threshold) < 1e-6).sum()),
}))
