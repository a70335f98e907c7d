"""Reference output grids from GDAL: the area's bounds in the target CRS from OSR/OGR (a bbox
through OCTTransformBounds with 21 points per edge; a polygon segmentized to 0.01 degree in
lon/lat by OGR, then transformed), then `gdalwarp -te <bounds> -tr r r -tap` on a dummy source,
whose output size and geotransform are read back.

usage: tap-grid-reference.py <dir> '<json>'  json = [{"area": bbox | GeoJSON, "epsg": n, "resolution": r}]
prints [{"bounds": [xmin, ymin, xmax, ymax], "size": [w, h], "geoTransform": [...]}]
"""
import json
import subprocess
import sys

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
folder, cases = sys.argv[1], json.loads(sys.argv[2])
wgs84 = osr.SpatialReference()
wgs84.ImportFromEPSG(4326)
wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
source = f'{folder}/dummy.tif'
gdal.GetDriverByName('GTiff').Create(source, 1, 1, 1, gdal.GDT_Byte)
ds = gdal.Open(source, gdal.GA_Update)
ds.SetGeoTransform([0, 1, 0, 1, 0, -1])
ds.SetProjection(wgs84.ExportToWkt())
ds = None

out = []
for i, case in enumerate(cases):
    target = osr.SpatialReference()
    target.ImportFromEPSG(case['epsg'])
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(wgs84, target)
    area = case['area']
    if isinstance(area, list):
        bounds = list(ct.TransformBounds(area[0], area[1], area[2], area[3], 21))
    else:
        geom = ogr.CreateGeometryFromJson(json.dumps(area))
        geom.Segmentize(0.01)
        geom.Transform(ct)
        minx, maxx, miny, maxy = geom.GetEnvelope()
        bounds = [minx, miny, maxx, maxy]
    r = case['resolution']
    result = f'{folder}/grid-{i}.tif'
    subprocess.run(['gdalwarp', '-q', '-overwrite', '-t_srs', f'EPSG:{case["epsg"]}', '-te', *map(repr, bounds),
                    '-tr', repr(r), repr(r), '-tap', source, result], check=True)
    info = gdal.Open(result)
    out.append({'bounds': bounds, 'size': [info.RasterXSize, info.RasterYSize], 'geoTransform': list(info.GetGeoTransform())})
print(json.dumps(out))
