"""Makes the area benchmarks' scenes with GDAL (cached: nothing is done when the manifest is there).

usage: make_area_bench_kit.py <out dir> composite|series     prints the manifest's path

Both live in the area kit's world (6°E 47°N, the UTM 31/32 boundary; kit_world.py) and both use
Sentinel-2 L2A scenes of two tiles, `31TGN` (EPSG:32631) and `32TLT` (EPSG:32632), made by
bench_s2_scene.py (B04, B08, SCL; 1024² blocks; DEFLATE without predictor; overviews).
- composite: a 40 × 40 km square of the 10 m lattice of UTM 31 centred 2 km west of 6°E (the
  job's area: `aois.area`, a lon/lat polygon whose grid is exactly 4000 × 4000 pixels) and 8
  acquisitions in summer 2024, alternately tile 31TGN (aligned with the output grid) and 32TLT
  (another zone: warped), each covering the whole square with a 1 km margin, clouds and shadows,
  one orbit edge. ≈ 8 × 4200 × 4200 pixels per band, about 600 MB.
- series: a point (`aois.point`, a pixel centre of its UTM 31 10 m grid) and 100 acquisitions from
  March to November 2024, alternately tile 31TGN and 32TLT; small scenes (2048 × 1024 at 10 m,
  2 blocks per band; SCL 1024 × 512, 1 block), the point ≥ 500 m inside block 0 of every file.
"""
import datetime as dt
import json
import math
import os
import sys

from osgeo import osr

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
from bench_s2_scene import WGS84, s2_scene, srs_of, world
from area_grid import pixel_of

VERSION = 2
CLOUD_CYCLE = ['none', 'few', 'patchy', 'shadows', 'heavy', 'few', 'none', 'cirrus']


def utm(epsg, lon, lat):
    x, y, _ = osr.CoordinateTransformation(WGS84, srs_of(epsg)).TransformPoint(lon, lat)
    return x, y


def lonlat(epsg, x, y):
    lon, lat, _ = osr.CoordinateTransformation(srs_of(epsg), WGS84).TransformPoint(x, y)
    return [lon, lat]


def covering_tile(name, epsg, ring31, margin):
    """A tile of `epsg` holding the outline (EPSG:32631 points) with `margin` metres, snapped to 60 m."""
    ct = osr.CoordinateTransformation(srs_of(32631), srs_of(epsg))
    points = [ct.TransformPoint(x, y)[:2] for x, y in ring31]
    x0 = math.floor((min(p[0] for p in points) - margin) / 60) * 60
    y1 = math.ceil((max(p[1] for p in points) + margin) / 60) * 60
    width = math.ceil((max(p[0] for p in points) + margin - x0) / 20) * 2
    height = math.ceil((y1 - min(p[1] for p in points) + margin) / 20) * 2
    return {'name': name, 'epsg': epsg, 'origin': (float(x0), float(y1)), 'size': (width, height)}


def composite():
    cx, cy = utm(32631, *world.to_lonlat(-2000.0, 0.0))
    x0, y0 = round(cx / 10) * 10 - 20000, round(cy / 10) * 10 - 20000
    # 0.5 m inside the square: its outline's bounds align outward to exactly 4000 × 4000 pixels.
    edge = [(x0 + 0.5 + 39999 * k / 40, y0 + 0.5) for k in range(40)] + [(x0 + 39999.5, y0 + 0.5 + 39999 * k / 40) for k in range(40)]
    edge += [(x0 + 39999.5 - 39999 * k / 40, y0 + 39999.5) for k in range(40)] + [(x0 + 0.5, y0 + 39999.5 - 39999 * k / 40) for k in range(40)]
    ring = [lonlat(32631, x, y) for x, y in edge]
    tiles = {'A': covering_tile('31TGN', 32631, edge, 1000), 'B': covering_tile('32TLT', 32632, edge, 1000)}
    clouds = ['few', 'patchy', 'none', 'shadows', 'few', 'patchy', 'shadows', 'none']
    acquisitions = []
    for k in range(8):
        date = (dt.date(2024, 6, 3) + dt.timedelta(days=10 * k + 5 * (k % 2))).isoformat()
        acquisitions.append(({'date': date, 'platform': 'sentinel-2a' if k % 2 == 0 else 'sentinel-2b', 'seed': 9000 + k,
                              'clouds': 'none' if clouds[k] == 'none' else f'wide-{clouds[k]}',
                              'edge': (0.8, 0.6, 14000.0) if k == 6 else None}, tiles['A' if k % 2 == 0 else 'B']))
    aois = {'area': {'type': 'Polygon', 'coordinates': [ring + [ring[0]]]}}
    grid = {'epsg': 32631, 'transform': [x0, 10.0, 0.0, y0 + 40000.0, 0.0, -10.0], 'width': 4000, 'height': 4000}
    return acquisitions, aois, {'grid': grid, 'datetime': '2024-06-01/2024-08-31'}


def series():
    px, py = utm(32631, *world.to_lonlat(-300.0, 100.0))
    px, py = math.floor(px / 10) * 10 + 5.0, math.floor(py / 10) * 10 + 5.0
    point = lonlat(32631, px, py)
    tiles = {}
    for key, name, epsg in (('A', '31TGN', 32631), ('B', '32TLT', 32632)):
        x, y = utm(epsg, *point)
        # The point ≈ 600 px right of and 500 px below the origin: inside block 0, far from its edges.
        tiles[key] = {'name': name, 'epsg': epsg, 'origin': (math.floor((x - 6000) / 60) * 60.0, math.ceil((y + 5000) / 60) * 60.0), 'size': (2048, 1024)}
    acquisitions = []
    for k in range(100):
        date = (dt.date(2024, 3, 1) + dt.timedelta(days=math.floor(k * 2.5 + 0.5))).isoformat()
        acquisitions.append(({'date': date, 'platform': 'sentinel-2a' if k % 4 < 2 else 'sentinel-2b', 'seed': 7000 + k,
                              'clouds': CLOUD_CYCLE[k % len(CLOUD_CYCLE)]}, tiles['A' if k % 2 == 0 else 'B']))
    return acquisitions, {'point': point}, {'datetime': '2024-03-01/2024-11-30'}


def point_blocks(manifest):
    """Per file (URL path), the full-resolution block holding the series point."""
    x, y = utm(32631, *manifest['aois']['point'])
    out = {}
    for scene in manifest['scenes']:
        for info in scene['files'].values():
            col, row = pixel_of(32631, x, y, info['geotransform'], info['epsg'])
            c, r = int(col // info['block'][0]), int(row // info['block'][1])
            offset, size = info['blocks'][r * info['block_grid'][0] + c]
            out[info['url_path']] = {'col': c, 'row': r, 'pixel': [col, row], 'offset': offset, 'size': size}
    return out


def main():
    out, variant = sys.argv[1], sys.argv[2]
    path = os.path.join(out, 'manifest.json')
    if os.path.exists(path):
        with open(path) as f:
            if json.load(f).get('bench_version') == VERSION:
                print(path)
                return
    os.makedirs(out, exist_ok=True)
    acquisitions, aois, extra = {'composite': composite, 'series': series}[variant]()
    scenes = []
    for k, (acq, tile) in enumerate(acquisitions):
        scenes.append(s2_scene(out, acq, tile))
        print(f'  {variant}: scene {k + 1}/{len(acquisitions)}', file=sys.stderr, flush=True)
    manifest = {'variant': f'bench-{variant}', 'bench_version': VERSION, 'dir': out, 'origin': list(world.ORIGIN), 'scenes': scenes, 'aois': aois, **extra}
    if variant == 'series':
        manifest['point_blocks'] = point_blocks(manifest)
    with open(path + '.part', 'w') as f:
        json.dump(manifest, f)
    os.rename(path + '.part', path)
    print(path)


if __name__ == '__main__':
    main()
