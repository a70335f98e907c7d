"""The kit manifest's areas of interest in lon/lat, and the time-series point: a pixel centre of its
own output grid (so reading "at the point" and "at its pixel" agree) that lies at least MARGIN
pixels from every block edge of every file of every scene holding it (so one COG block per file
holds everything a bilinear read there needs), on clear ground on most dates."""
import json

import numpy as np
from osgeo import ogr, osr

import kit_world as world
from area_grid import WGS84, grid_for, pixel_of, srs_of, utm_epsg

MARGIN = 4


def lonlat(x, y):
    lon, lat = world.to_lonlat(x, y)
    return [round(float(lon), 5), round(float(lat), 5)]


def closed(ring):
    points = [lonlat(x, y) for x, y in ring]
    return points + [points[0]]


def aois_lonlat(aois):
    out = {}
    for name, aoi in aois.items():
        if 'bbox' in aoi:
            w, s, e, n = aoi['bbox']
            out[name] = lonlat(w, s) + lonlat(e, n)
        else:
            outer, *holes = aoi['rings']
            # GeoJSON: outer rings counter-clockwise, holes clockwise.
            out[name] = {'type': 'Polygon', 'coordinates': [closed(outer)] + [closed(list(reversed(h))) for h in holes]}
    return out


def contains(scene, lon, lat):
    geometry = ogr.CreateGeometryFromJson(json.dumps(scene['geometry']))
    point = ogr.Geometry(ogr.wkbPoint)
    point.AddPoint_2D(lon, lat)
    return geometry.Contains(point)


def block_of(info, x, y, epsg):
    col, row = pixel_of(epsg, x, y, info['geotransform'], info['epsg'])
    bw, bh = info['block']
    inside = MARGIN <= col <= info['width'] - MARGIN and MARGIN <= row <= info['height'] - MARGIN
    in_col, in_row = col % bw, row % bh
    last_col, last_row = info['width'] - (info['width'] // bw) * bw, info['height'] - (info['height'] // bh) * bh
    clear_col = MARGIN <= in_col <= bw - MARGIN or (int(col // bw) == info['block_grid'][0] - 1 and last_col and in_col <= last_col - MARGIN)
    clear_row = MARGIN <= in_row <= bh - MARGIN or (int(row // bh) == info['block_grid'][1] - 1 and last_row and in_row <= last_row - MARGIN)
    if not (inside and clear_col and clear_row):
        return None
    c, r = int(col // bw), int(row // bh)
    offset, size = info['blocks'][r * info['block_grid'][0] + c]
    return {'col': c, 'row': r, 'offset': offset, 'size': size}


def choose_point(scenes, s2_acquisitions):
    for y in np.arange(-500.0, 900.0, 31.0):
        for x in np.arange(-350.0, 350.0, 23.0):
            lon, lat = world.to_lonlat(x, y)
            epsg = utm_epsg(lon, lat)
            t = grid_for([float(lon), float(lat)], epsg, 10)['transform']
            cx, cy = t[0] + 5.0, t[3] - 5.0
            plon, plat, _ = osr.CoordinateTransformation(srs_of(epsg), WGS84).TransformPoint(cx, cy)
            holding = [s for s in scenes if contains(s, plon, plat)]
            blocks = {}
            for scene in holding:
                for info in scene['files'].values():
                    blocks[info['url_path']] = block_of(info, cx, cy, epsg)
            if len(holding) < 3 or any(b is None for b in blocks.values()):
                continue
            lx, ly = world.to_local(plon, plat)
            ground = world.ground(np.array([lx]), np.array([ly]), '2024-07-01')
            if ground['kind'][0] in (world.KINDS.index('water'), world.KINDS.index('bare')):
                continue
            clear = sum(world.sky(np.array([lx]), np.array([ly]), a['clouds'], a['seed'])[0] == 0 for a in s2_acquisitions)
            if clear < len(s2_acquisitions) - 3:
                continue
            return [plon, plat], blocks
    raise RuntimeError('no point satisfies the block margins: move the candidates')
