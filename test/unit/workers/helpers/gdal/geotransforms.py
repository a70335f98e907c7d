"""Prints {path: GDAL geotransform} as JSON for the GeoTIFFs given on the command line."""
import json
import sys

from osgeo import gdal

gdal.UseExceptions()
print(json.dumps({path: list(gdal.Open(path).GetGeoTransform()) for path in sys.argv[1:]}))
