"""Sizes of the factor-2, 4, 8, ... overviews that GDAL's overview builder (gdaladdo on a GTiff)
gives rasters of the given sizes.

usage: cog_overview_sizes.py WIDTHxHEIGHTxCOUNT ...
prints [[[w, h], ...], ...], one list of COUNT sizes per raster, largest first
"""
import json
import sys

from osgeo import gdal

gdal.UseExceptions()


def overview_sizes(width, height, count):
    if count == 0:
        return []
    path = "/vsimem/sizes.tif"
    ds = gdal.GetDriverByName("GTiff").Create(path, width, height, 1, gdal.GDT_Byte, options=["TILED=YES"])
    ds.BuildOverviews("NEAREST", [2 ** (i + 1) for i in range(count)])
    band = ds.GetRasterBand(1)
    sizes = [[band.GetOverview(i).XSize, band.GetOverview(i).YSize] for i in range(band.GetOverviewCount())]
    ds = None
    gdal.Unlink(path)
    return sizes


print(json.dumps([overview_sizes(*map(int, arg.split("x"))) for arg in sys.argv[1:]]))
