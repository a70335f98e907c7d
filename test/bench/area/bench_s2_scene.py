"""One Sentinel-2 L2A scene of the area benchmarks: B04 and B08 at 10 m, SCL at 20 m, imaged from
the area kit's world (test/helpers/area-scenes/kit_world.py) and written by its COG writer
(kit_cog.py) with 1024² blocks and DEFLATE without a predictor, as the sentinel-cogs originals
are (test/bench/ndvi/make_bench_pair.py makes its pair the same way). Made in strips of rows, so a
4200 × 4200 tile never holds more than a strip of float64 planes. The scene's manifest entry has
the shape make_area_kit.py writes (kit.ts KitScene), so kit-items.ts makes its STAC item; only
the bands an NDVI reads exist (kit-items.ts leaves the others unserved).
"""
import os
import sys

import numpy as np
from osgeo import osr

sys.dont_write_bytecode = True  # the kit's modules are imported from the source tree: leave no __pycache__ there
KIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'helpers', 'area-scenes')
sys.path.insert(0, KIT)
import kit_world as world  # noqa: E402
from area_grid import WGS84, srs_of  # noqa: E402
from kit_cog import footprint, write_cog  # noqa: E402

BANDS = [('red', 'B04'), ('nir', 'B08')]
BLOCK = 1024
STRIP = 512
LATTICE = 16
OFFSET = -0.1  # processing baseline ≥ 04.00, BOA offset not applied (kit 'pb' radiometry)
NOISE = 0.0015
SCL_INVALID = [0, 1, 3, 8, 9, 10]


def local_centres(grid, row0, rows):
    """Local-frame x, y of the pixel centres of rows row0 … row0 + rows − 1: exact projections on a
    lattice every LATTICE pixels, bilinear in between (the mapping is smooth: micrometres off)."""
    t, width = grid['geotransform'], grid['width']
    cols = np.unique(np.append(np.arange(0, width, LATTICE), width - 1)) + 0.5
    lines = np.unique(np.append(np.arange(row0, row0 + rows, LATTICE), row0 + rows - 1)) + 0.5
    cc, rr = np.meshgrid(cols, lines)
    ct = osr.CoordinateTransformation(srs_of(grid['epsg']), WGS84)
    points = np.array(ct.TransformPoints(np.column_stack([(t[0] + cc * t[1]).ravel(), (t[3] + rr * t[5]).ravel()]).tolist()))
    fine_x = np.arange(width) + 0.5
    fine_y = np.arange(row0, row0 + rows) + 0.5
    j = np.clip(np.searchsorted(lines, fine_y, side='right') - 1, 0, max(0, len(lines) - 2))
    w = ((fine_y - lines[j]) / np.maximum(1e-12, lines[np.minimum(j + 1, len(lines) - 1)] - lines[j]))[:, None]
    out = []
    for k in (0, 1):
        coarse = points[:, k].reshape(cc.shape)
        along = np.array([np.interp(fine_x, cols, line) for line in coarse])
        out.append(along[j] * (1 - w) + along[np.minimum(j + 1, len(lines) - 1)] * w)
    return world.to_local(out[0], out[1])


def dn(values, nodata_mask):
    out = np.clip(np.round((values - OFFSET) / world.S2_SCALE), 1, 65535).astype(np.uint16)
    out[nodata_mask] = 0
    return out


def tile_grid(tile, resolution):
    factor = resolution // 10
    x0, y0 = tile['origin']
    return {'epsg': tile['epsg'], 'geotransform': [x0, float(resolution), 0.0, y0, 0.0, -float(resolution)],
            'width': tile['size'][0] // factor, 'height': tile['size'][1] // factor}


def make_scl(acq, g20):
    """SCL on the 20 m grid, and its no-data pixels (the orbit edge)."""
    scl = np.zeros((g20['height'], g20['width']), np.uint8)
    nodata = np.zeros(scl.shape, bool)
    for row0 in range(0, g20['height'], STRIP):
        rows = min(STRIP, g20['height'] - row0)
        x, y = local_centres(g20, row0, rows)
        sky = world.sky(x, y, acq['clouds'], acq['seed'])
        strip = np.where(sky > 0, sky, world.landcover_scl(world.ground(x, y, acq['date'])))
        edge = world.no_data_edge(x, y, acq.get('edge'))
        strip[edge] = 0
        scl[row0:row0 + rows], nodata[row0:row0 + rows] = strip, edge
    return scl, nodata


def make_bands(acq, g10, nodata20):
    planes = {common: np.zeros((g10['height'], g10['width']), np.uint16) for common, _ in BANDS}
    noise = {common: np.random.default_rng(acq['seed'] * 10 + k) for k, (common, _) in enumerate(BANDS)}
    for row0 in range(0, g10['height'], STRIP):
        rows = min(STRIP, g10['height'] - row0)
        x, y = local_centres(g10, row0, rows)
        observed = world.under_sky(world.ground(x, y, acq['date']), world.sky(x, y, acq['clouds'], acq['seed']))
        nodata = np.repeat(np.repeat(nodata20[row0 // 2:(row0 + rows + 1) // 2], 2, axis=0), 2, axis=1)[:rows, :g10['width']]
        for common, _ in BANDS:
            planes[common][row0:row0 + rows] = dn(observed[common] + noise[common].normal(0, NOISE, x.shape), nodata)
    return planes


def s2_scene(out, acq, tile):
    """Writes the scene's COGs under `out` and returns its manifest entry."""
    p = 'S2A' if acq['platform'] == 'sentinel-2a' else 'S2B'
    ymd = acq['date'].replace('-', '')
    upstream = f"{p}_{tile['name']}_{ymd}_0_L2A"
    folder = os.path.join(out, 's2', upstream)
    g10, g20 = tile_grid(tile, 10), tile_grid(tile, 20)
    scl, nodata20 = make_scl(acq, g20)
    planes = make_bands(acq, g10, nodata20)
    files, bands = {}, {}
    for common, asset in BANDS:
        files[asset] = write_cog(os.path.join(folder, f'{asset}.tif'), planes[common], g10['geotransform'], g10['epsg'], 0, BLOCK, 'AVERAGE', predictor=False)
        bands[common] = {'asset': asset, 'scale': world.S2_SCALE, 'offset': OFFSET, 'nodata': 0, 'resolution': 10}
    files['SCL'] = write_cog(os.path.join(folder, 'SCL.tif'), scl, g20['geotransform'], g20['epsg'], 0, BLOCK, 'NEAREST', predictor=False)
    valid = scl > 0
    cloudy = np.isin(scl, [3, 8, 9, 10]) & valid
    geometry, bbox = footprint(g10['geotransform'], g10['width'], g10['height'], g10['epsg'])
    return {
        'id': f'sentinel-2:{upstream}', 'upstream_id': upstream, 'source': 'sentinel-2', 'catalog': 'earthSearch',
        'collection': 'sentinel-2-l2a', 'radiometry': 'pb', 'platform': acq['platform'], 'datetime': f"{acq['date']}T10:26:{acq.get('second', 25.4):06.3f}Z",
        'tile': tile['name'], 'epsg': g10['epsg'], 'sensing': f'{ymd}T102600',
        'cloud_cover': round(100.0 * cloudy.sum() / max(1, valid.sum()), 4), 'geometry': geometry, 'bbox': bbox,
        'bands': bands, 'mask': {'kind': 'scl', 'asset': 'SCL', 'invalid_classes': SCL_INVALID},
        'files': {asset: {**info, 'url_path': f'/area-bench/s2/{upstream}/{asset}.tif'} for asset, info in files.items()},
    }
