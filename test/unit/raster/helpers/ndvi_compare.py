"""Compares the NDVI band of a COG with NDVI computed by numpy from the red and NIR rasters.

usage: ndvi_compare.py COG RED NIR
NDVI = (nir - red) / (nir + red) in float64, stored as float32; NaN where red or nir is 0 (nodata)
or nir + red is 0. Prints {"mismatches": n, "valid": n, "geoTransformEqual": bool}.
"""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def main():
    cog_path, red_path, nir_path = sys.argv[1:4]
    red_ds, nir_ds, cog_ds = gdal.Open(red_path), gdal.Open(nir_path), gdal.Open(cog_path)
    red = red_ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
    nir = nir_ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
    valid = (red != 0) & (nir != 0) & (red + nir != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(valid, (nir - red) / (nir + red), np.nan).astype(np.float32)
    ours = cog_ds.GetRasterBand(1).ReadAsArray()
    print(json.dumps({
        "mismatches": int(np.count_nonzero(ours.view(np.uint32) != expected.view(np.uint32))),
        "valid": int(np.count_nonzero(valid)),
        "geoTransformEqual": cog_ds.GetGeoTransform() == red_ds.GetGeoTransform(),
    }))


if __name__ == "__main__":
    main()
