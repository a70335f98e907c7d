"""The output grid of an area job and the area's pixel mask, from OSR/OGR and gdal_rasterize.

The definitions the issue leaves open are those of workers/lib/cube (geometry.ts, area-grid.ts,
polygon-mask.ts), re-implemented here on GDAL rather than imported:
- CRS: the UTM zone of the centre of the area's lon/lat bounds (EPSG:326zz / 327zz), unless given.
- Outline: polygon edges are straight in lon/lat, cut into pieces of at most 0.01°; bbox edges into
  a multiple of 20 pieces (GDAL's 21 points per edge are among them); then projected by OSR.
- Bounds aligned outward to the resolution (gdalwarp -tap): x0 = floor(xmin/r)·r, x1 = ceil(xmax/r)·r,
  width = floor((x1 − x0 + r/2)/r); the same for y.
- A point [lon, lat] is the one pixel of that aligned lattice (in the point's UTM zone) holding it.
- Inside: gdal_rasterize of the projected outline (pixel centres, no ALL_TOUCHED); a point's one pixel.
"""
import math

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
STEP_DEGREES = 0.01
BBOX_EDGE_STEPS = 20


def srs_of(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(int(epsg))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


WGS84 = srs_of(4326)


def aoi_kind(aoi):
    if isinstance(aoi, list) and len(aoi) == 2:
        return 'point'
    if isinstance(aoi, list) and len(aoi) == 4:
        return 'bbox'
    if isinstance(aoi, dict) and aoi.get('type') in ('Polygon', 'MultiPolygon'):
        return 'polygon'
    raise ValueError(f'not an area of interest: {aoi!r}')


def lonlat_polygons(aoi):
    """The area as polygons of closed rings of (lon, lat); a point is a degenerate ring."""
    kind = aoi_kind(aoi)
    if kind == 'point':
        lon, lat = aoi
        return [[[(lon, lat), (lon, lat)]]]
    if kind == 'bbox':
        w, s, e, n = aoi
        return [[[(w, s), (e, s), (e, n), (w, n), (w, s)]]]
    polygons = [aoi['coordinates']] if aoi['type'] == 'Polygon' else aoi['coordinates']
    return [[[(p[0], p[1]) for p in ring] for ring in rings] for rings in polygons]


def centre(aoi):
    points = [p for rings in lonlat_polygons(aoi) for ring in rings for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def utm_epsg(lon, lat):
    zone = min(60, int(math.floor((lon + 180) / 6)) + 1)
    if 56 <= lat < 64 and 3 <= lon < 12:
        zone = 32
    return (32600 if lat >= 0 else 32700) + zone


def densify(ring, quantum):
    out = []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
        steps = quantum * max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / (quantum * STEP_DEGREES)))
        out.extend((x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) for k in range(steps))
    out.append(ring[-1])
    return out


def project(points, epsg):
    ct = osr.CoordinateTransformation(WGS84, srs_of(epsg))
    return [(x, y) for x, y, _ in ct.TransformPoints([(lon, lat) for lon, lat in points])]


def projected_polygons(aoi, epsg):
    quantum = BBOX_EDGE_STEPS if aoi_kind(aoi) == 'bbox' else 1
    return [[project(densify(ring, quantum), epsg) for ring in rings] for rings in lonlat_polygons(aoi)]


def grid_for(aoi, epsg, resolution):
    r = float(resolution)
    points = [p for rings in projected_polygons(aoi, epsg) for ring in rings for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if aoi_kind(aoi) == 'point':
        x0, y0 = math.floor(xs[0] / r) * r, math.floor(ys[0] / r) * r
        return {'epsg': epsg, 'resolution': r, 'width': 1, 'height': 1, 'transform': [x0, r, 0.0, y0 + r, 0.0, -r]}
    x0, x1 = math.floor(min(xs) / r) * r, math.ceil(max(xs) / r) * r
    y0, y1 = math.floor(min(ys) / r) * r, math.ceil(max(ys) / r) * r
    width = max(1, int(math.floor((x1 - x0 + r / 2) / r)))
    height = max(1, int(math.floor((y1 - y0 + r / 2) / r)))
    return {'epsg': epsg, 'resolution': r, 'width': width, 'height': height, 'transform': [x0, r, 0.0, y1, 0.0, -r]}


def mem_raster(grid, data_type=gdal.GDT_Byte, bands=1):
    ds = gdal.GetDriverByName('MEM').Create('', grid['width'], grid['height'], bands, data_type)
    ds.SetGeoTransform(grid['transform'])
    ds.SetProjection(srs_of(grid['epsg']).ExportToWkt())
    return ds


def inside_mask(aoi, grid):
    """1 where the pixel centre is inside the area (gdal_rasterize rules); the point's one pixel."""
    if aoi_kind(aoi) == 'point':
        return np.ones((1, 1), np.uint8)
    ds = mem_raster(grid)
    layer_ds = ogr.GetDriverByName('Memory').CreateDataSource('')
    layer = layer_ds.CreateLayer('area', srs_of(grid['epsg']), ogr.wkbMultiPolygon)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for rings in projected_polygons(aoi, grid['epsg']):
        polygon = ogr.Geometry(ogr.wkbPolygon)
        for ring in rings:
            linear = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in ring:
                linear.AddPoint_2D(x, y)
            polygon.AddGeometry(linear)
        multi.AddGeometry(polygon)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(multi)
    layer.CreateFeature(feature)
    gdal.RasterizeLayer(ds, [1], layer, burn_values=[1])
    return ds.GetRasterBand(1).ReadAsArray().astype(np.uint8)


def aoi_geometry(aoi):
    """The area as an OGR geometry in lon/lat (undensified), for footprint intersection tests."""
    kind = aoi_kind(aoi)
    if kind == 'point':
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(*aoi)
        return point
    rings = lonlat_polygons(aoi)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for polygon_rings in rings:
        polygon = ogr.Geometry(ogr.wkbPolygon)
        for ring in polygon_rings:
            linear = ogr.Geometry(ogr.wkbLinearRing)
            for lon, lat in ring:
                linear.AddPoint_2D(lon, lat)
            polygon.AddGeometry(linear)
        multi.AddGeometry(polygon)
    return multi


def pixel_of(epsg_from, x, y, geotransform, epsg_to):
    """Fractional (col, row) in a raster of (x, y) given in another CRS."""
    ct = osr.CoordinateTransformation(srs_of(epsg_from), srs_of(epsg_to))
    tx, ty, _ = ct.TransformPoint(x, y)
    t = geotransform
    return (tx - t[0]) / t[1], (ty - t[3]) / t[5]
