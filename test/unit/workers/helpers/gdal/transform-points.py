"""Transforms points with GDAL/PROJ (osr), for test/unit/workers/crs.test.ts.

usage: transform-points.py '<json>'   where json = [{"from": 4326, "to": 32633, "points": [[x, y], ...]}, ...]
prints the same list with "points" replaced by the transformed [x, y] pairs (x = longitude for 4326).
"""
import json
import sys

from osgeo import osr

cases = json.loads(sys.argv[1])
for case in cases:
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(case['from'])
    dst.ImportFromEPSG(case['to'])
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(src, dst)
    case['points'] = [list(transform.TransformPoint(x, y)[:2]) for x, y in case['points']]
print(json.dumps(cases))
