"""Makes the area kit: synthetic Sentinel-2 and Landsat COGs over the UTM 31/32 boundary at 6°E 47°N,
and a manifest describing every scene (what its STAC item must say, where its files are).

usage: make_area_kit.py <out dir> [main|constant]
writes <out dir>/manifest.json (and prints its path); see README.md for what the kit holds.
Deterministic: the same files, byte for byte, on every run (seeded numpy RNGs).
"""
import json
import math
import os
import sys

import numpy as np
from osgeo import osr

sys.dont_write_bytecode = True  # the kit's modules are imported from the source tree: leave no __pycache__ there
import kit_world as world
from area_grid import WGS84, srs_of
from kit_cog import footprint, write_cog
from kit_manifest import aois_lonlat, choose_point
from kit_scenes import VARIANTS

out, variant = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else 'main')
spec = VARIANTS[variant]
rng_noise = spec['noise']
S2_BANDS = [('blue', 'B02'), ('green', 'B03'), ('red', 'B04'), ('nir', 'B08')]
LANDSAT_BANDS = [('blue', 'SR_B2'), ('green', 'SR_B3'), ('red', 'SR_B4'), ('nir08', 'SR_B5')]
DEFAULT_ORDER = {'A': 25.4, 'B': 29.1, 'F': 40.6}
QA_CLEAR = 1 << 6 | 1 << 8 | 1 << 10 | 1 << 12 | 1 << 14


def grid_of(key, resolution=None):
    g = world.GRIDS[key]
    native = g.get('resolution', 10)
    res = resolution or native
    ct = osr.CoordinateTransformation(WGS84, srs_of(g['epsg']))
    x, y, _ = ct.TransformPoint(*world.to_lonlat(*g['nw']))
    x0, y0 = math.floor(x / 60) * 60.0, math.ceil(y / 60) * 60.0
    factor = res / native
    width, height = int(g['size'][0] / factor), int(g['size'][1] / factor)
    return {'epsg': g['epsg'], 'geotransform': [x0, res, 0.0, y0, 0.0, -res], 'width': width, 'height': height}


def local_centres(grid):
    t, w, h = grid['geotransform'], grid['width'], grid['height']
    cols, rows = np.meshgrid(np.arange(w) + 0.5, np.arange(h) + 0.5)
    xs, ys = t[0] + cols * t[1], t[3] + rows * t[5]
    ct = osr.CoordinateTransformation(srs_of(grid['epsg']), WGS84)
    points = np.array(ct.TransformPoints(np.column_stack([xs.ravel(), ys.ravel()]).tolist()))
    return [a.reshape(h, w) for a in world.to_local(points[:, 0], points[:, 1])]


CENTRES = {}


def centres(key, resolution=None):
    if (key, resolution) not in CENTRES:
        CENTRES[(key, resolution)] = local_centres(grid_of(key, resolution))
    return CENTRES[(key, resolution)]


def dn(values, scale, offset, nodata_mask):
    out = np.clip(np.round((values - offset) / scale), 1, 65535).astype(np.uint16)
    out[nodata_mask] = 0
    return out


def s2_radiometry(kind):
    return {'pb': ('sentinel-2-l2a', -0.1), 'boa': ('sentinel-2-l2a', 0.0), 'c1': ('sentinel-2-c1-l2a', -0.1)}[kind]


def s2_scene(acq, tile):
    collection, offset = s2_radiometry(acq['radiometry'])
    ymd = acq['date'].replace('-', '')
    p = 'S2A' if acq['platform'] == 'sentinel-2a' else 'S2B'
    name = world.TILE_NAMES[tile]
    seconds = acq.get('order', {}).get(tile, DEFAULT_ORDER[tile])
    s = acq['sensing']
    start = int(s[:2]) * 3600 + int(s[2:4]) * 60 + int(s[4:])
    t = start + seconds
    hh, mm, ss = int(t // 3600), int(t % 3600 // 60), t % 60
    datetime = f"{acq['date']}T{hh:02d}:{mm:02d}:{ss:06.3f}Z"
    upstream = f'{p}_T{name}_{ymd}T{hh:02d}{mm:02d}{int(ss):02d}_L2A' if collection.endswith('c1-l2a') else f'{p}_{name}_{ymd}_0_L2A'
    folder = os.path.join(out, 's2', upstream)
    g10, g20 = grid_of(tile), grid_of(tile, 20)
    x10, y10 = centres(tile)
    x20, y20 = centres(tile, 20)
    edge = acq.get('edges', {}).get(tile)
    nodata20 = world.no_data_edge(x20, y20, edge)
    nodata10 = np.repeat(np.repeat(nodata20, 2, axis=0), 2, axis=1)
    seed = acq['seed'] * 100 + 'ABF'.index(tile) * 10
    if 'constant' in acq:
        observed = {band: np.full(x10.shape, value) for band, value in acq['constant'].items()}
        scl = np.full(x20.shape, 4, np.uint8)
        for rect_tile, (r0, r1, c0, c1) in acq.get('cloud_rect', {}).items():
            if rect_tile == tile:
                scl[r0:r1, c0:c1] = 9
    else:
        observed = world.under_sky(world.ground(x10, y10, acq['date']), world.sky(x10, y10, acq['clouds'], acq['seed']))
        sky20 = world.sky(x20, y20, acq['clouds'], acq['seed'])
        scl = np.where(sky20 > 0, sky20, world.landcover_scl(world.ground(x20, y20, acq['date']))).astype(np.uint8)
    scl[nodata20] = 0
    files, bands = {}, {}
    for k, (common, asset) in enumerate(S2_BANDS):
        noise = np.random.default_rng(seed + k).normal(0, rng_noise, x10.shape) if rng_noise else 0
        data = dn(observed[common] + noise, world.S2_SCALE, offset, nodata10)
        files[asset] = write_cog(os.path.join(folder, f'{asset}.tif'), data, g10['geotransform'], g10['epsg'], 0, 256, 'AVERAGE')
        bands[common] = {'asset': asset, 'scale': world.S2_SCALE, 'offset': offset, 'nodata': 0, 'resolution': 10}
        if 'constant' in acq:
            bands[common]['constant_dn'] = int(data[~nodata10][0])
    files['SCL'] = write_cog(os.path.join(folder, 'SCL.tif'), scl, g20['geotransform'], g20['epsg'], 0, 256, 'NEAREST')
    valid = scl > 0
    cloudy = np.isin(scl, [3, 8, 9, 10]) & valid
    geometry, bbox = footprint(g10['geotransform'], g10['width'], g10['height'], g10['epsg'])
    return {
        'id': f'sentinel-2:{upstream}', 'upstream_id': upstream, 'source': 'sentinel-2', 'catalog': 'earthSearch',
        'collection': collection, 'radiometry': acq['radiometry'], 'platform': acq['platform'], 'datetime': datetime,
        'tile': name, 'epsg': g10['epsg'], 'sensing': f"{ymd}T{s}",
        'cloud_cover': round(100.0 * cloudy.sum() / max(1, valid.sum()), 4), 'geometry': geometry, 'bbox': bbox,
        'bands': bands, 'mask': {'kind': 'scl', 'asset': 'SCL', 'invalid_classes': [0, 1, 3, 8, 9, 10]},
        'files': {asset: {**info, 'url_path': f'/area-kit/s2/{upstream}/{asset}.tif'} for asset, info in files.items()},
    }


def qa_pixel(sky, ground_kind):
    qa = np.full(sky.shape, QA_CLEAR, np.uint16)
    qa[ground_kind == world.KINDS.index('water')] |= 1 << 7
    qa[sky == 10] = 1 << 2 | 1 << 8 | 3 << 14
    qa[sky == 3] = 1 << 4 | 1 << 8 | 3 << 10
    qa[sky == 8] = 1 << 1 | 2 << 8 | 1 << 10 | 1 << 14
    qa[sky == 9] = 1 << 3 | 3 << 8 | 1 << 10 | 1 << 14
    return qa


def landsat_scene(acq):
    ymd = acq['date'].replace('-', '')
    path, row = acq['path_row']
    product = f"LC09_L2SP_{path}{row}_{ymd}_{acq['processed']}_02_T1"
    folder = os.path.join(out, 'landsat', product)
    g = grid_of('L')
    x, y = centres('L')
    fill = world.no_data_edge(x, y, acq['edge'])
    ground = world.ground(x, y, acq['date'])
    sky = world.sky(x, y, acq['clouds'], acq['seed'], acq['drift'])
    observed = world.under_sky(ground, sky)
    files, bands = {}, {}
    for k, (common, asset) in enumerate(LANDSAT_BANDS):
        if 'constant_dn' in acq:
            data = np.full(x.shape, acq['constant_dn'][common], np.uint16)
            data[fill] = 0
        else:
            a, b = world.OLI_FROM_MSI[common]
            oli = a * observed['nir' if common == 'nir08' else common] + b
            noise = np.random.default_rng(acq['seed'] * 100 + 50 + k).normal(0, rng_noise, x.shape) if rng_noise else 0
            data = dn(oli + noise, world.LANDSAT_SCALE, world.LANDSAT_OFFSET, fill)
        files[asset] = write_cog(os.path.join(folder, f'{product}_{asset}.TIF'), data, g['geotransform'], g['epsg'], 0, 128, 'AVERAGE')
        bands[common] = {'asset': asset, 'scale': world.LANDSAT_SCALE, 'offset': world.LANDSAT_OFFSET, 'nodata': 0, 'resolution': 30}
        if 'constant_dn' in acq:
            bands[common]['constant_dn'] = int(acq['constant_dn'][common])
    qa = qa_pixel(sky, ground['kind'])
    qa[fill] = 1
    files['QA_PIXEL'] = write_cog(os.path.join(folder, f'{product}_QA_PIXEL.TIF'), qa, g['geotransform'], g['epsg'], 1, 128, 'NEAREST')
    data_pixels = ~fill
    cloudy = ((qa & 0b11110) != 0) & data_pixels
    geometry, bbox = footprint(g['geotransform'], g['width'], g['height'], g['epsg'])
    return {
        'id': f'landsat:{product}_SR', 'upstream_id': f'{product}_SR', 'product': product, 'source': 'landsat', 'catalog': 'landsatLook',
        'collection': 'landsat-c2l2-sr', 'platform': acq['platform'], 'datetime': f"{acq['date']}T{acq['time']}Z",
        'path_row': [path, row], 'epsg': g['epsg'], 'cloud_cover': round(100.0 * cloudy.sum() / max(1, data_pixels.sum()), 2),
        'geometry': geometry, 'bbox': bbox, 'bands': bands,
        'mask': {'kind': 'landsat-qa', 'asset': 'QA_PIXEL', 'invalid_bits': 31},
        'files': {asset: {**info, 'url_path': f'/area-kit/landsat/{product}_{asset}.TIF'} for asset, info in files.items()},
    }


scenes = [s2_scene(acq, tile) for acq in spec['s2'] for tile in acq['tiles']] + [landsat_scene(acq) for acq in spec['landsat']]
aois = aois_lonlat(spec['aois'])
manifest = {
    'variant': variant, 'dir': out, 'origin': list(world.ORIGIN), 'scenes': scenes, 'aois': aois,
    'periods': {'summer': '2024-06-01/2024-08-31', 'june': '2024-06-01/2024-06-30', 'august': '2024-08-01/2024-08-31'},
}
if variant == 'main':
    manifest['aois']['point'], manifest['point_blocks'] = choose_point(scenes, spec['s2'])
path = os.path.join(out, 'manifest.json')
with open(path, 'w') as f:
    json.dump(manifest, f, indent=1)
print(path)
