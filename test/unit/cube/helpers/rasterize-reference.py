"""gdal_rasterize as the reference for polygon-mask.ts.

usage: rasterize-reference.py <dir> '<json>'   json = [{"name", "epsg", "geoTransform", "width", "height", "geometries": [GeoJSON]}]
for each case makes <name>.tif with GDAL (Byte, zeros), writes the geometries as <name>.geojson
(in the raster's CRS), runs `gdal_rasterize -burn 1` (default rules: pixel centres, no ALL_TOUCHED)
and writes the result as <name>.mask.u8 (row-major bytes).
"""
import json
import subprocess
import sys

from osgeo import gdal, osr

gdal.UseExceptions()
folder, cases = sys.argv[1], json.loads(sys.argv[2])
for case in cases:
    name = f"{folder}/{case['name']}"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(case['epsg'])
    ds = gdal.GetDriverByName('GTiff').Create(f'{name}.tif', case['width'], case['height'], 1, gdal.GDT_Byte)
    ds.SetGeoTransform(case['geoTransform'])
    ds.SetProjection(srs.ExportToWkt())
    ds = None
    collection = {
        'type': 'FeatureCollection',
        'crs': {'type': 'name', 'properties': {'name': f"urn:ogc:def:crs:EPSG::{case['epsg']}"}},
        'features': [{'type': 'Feature', 'properties': {}, 'geometry': g} for g in case['geometries']],
    }
    with open(f'{name}.geojson', 'w') as f:
        json.dump(collection, f)
    subprocess.run(['gdal_rasterize', '-q', '-burn', '1', f'{name}.geojson', f'{name}.tif'], check=True)
    gdal.Open(f'{name}.tif').ReadAsArray().astype('uint8').tofile(f'{name}.mask.u8')
