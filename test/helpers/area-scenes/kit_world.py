"""The synthetic world the area kit images: where its tiles lie, what the ground looks like on each
date, where the clouds are, and which acquisitions exist (see README.md for the table).

Everything is a pure function of (lon, lat, date) with seeded randomness, so the two tiles of one
pass (in UTM zones 31 and 32) see the same fields and the same clouds, each on its own pixel grid.
Positions are handled in a local frame of metres east/north of ORIGIN (an equirectangular
approximation is enough: it only shapes the landscape; the rasters' own grids are exact UTM).
"""
import math

import numpy as np

ORIGIN = (6.0, 47.0)  # the UTM 31/32 zone boundary at 47°N
M_PER_DEG_LON = 111320.0 * math.cos(math.radians(ORIGIN[1]))
M_PER_DEG_LAT = 110574.0
S2_SCALE = 0.0001
LANDSAT_SCALE, LANDSAT_OFFSET = 0.0000275, -0.2
# HLS v2.0 Table 5, Sentinel-2A row (rho_OLI = a * rho_MSI + b): the kit's Landsat scene images the
# world as OLI sees it, so `harmonize: "hls"` brings it back to the MSI truth.
OLI_FROM_MSI = {'blue': (0.9778, -0.004), 'green': (1.0053, -0.0009), 'red': (0.9765, 0.0009), 'nir08': (0.9983, -0.0001)}


def to_local(lon, lat):
    return (np.asarray(lon) - ORIGIN[0]) * M_PER_DEG_LON, (np.asarray(lat) - ORIGIN[1]) * M_PER_DEG_LAT


def to_lonlat(x, y):
    return ORIGIN[0] + x / M_PER_DEG_LON, ORIGIN[1] + y / M_PER_DEG_LAT


# Raster grids: EPSG, the local position of the north-west corner (snapped to 60 m in the UTM
# zone, so 10, 20 and 30/60 m pixels nest), pixel size, size in pixels, COG block size.
GRIDS = {
    'A': {'epsg': 32631, 'nw': (-4200, 2400), 'size': (480, 420)},   # tile 31TGN, west of 6°E
    'B': {'epsg': 32632, 'nw': (-600, 2400), 'size': (480, 420)},    # tile 32TLT, east of 6°E; overlap ≈ 1.2 km
    'F': {'epsg': 32632, 'nw': (20000, 1000), 'size': (120, 120)},   # tile 32TMT, far east: never in an AOI
    'L': {'epsg': 32631, 'nw': (-4100, 2300), 'size': (270, 135), 'resolution': 30},  # Landsat WRS 196/027
}
TILE_NAMES = {'A': '31TGN', 'B': '32TLT', 'F': '32TMT'}

# Land cover per 300 m cell: forest, crop A (cereal, harvested at the end of July → NDVI loss),
# crop B (maize, grows through the summer → gain), grass, bare, water.
KINDS = ['forest', 'cropA', 'cropB', 'grass', 'bare', 'water']
KIND_P = [0.22, 0.24, 0.22, 0.18, 0.1, 0.04]
CELL = 300.0
_rng = np.random.default_rng(15)
CELL_KINDS = _rng.choice(len(KINDS), size=(200, 200), p=KIND_P)  # cells −100…99 in each direction


def day_of_year(date):
    y, m, d = (int(p) for p in date.split('-'))
    return (np.datetime64(f'{y:04d}-{m:02d}-{d:02d}') - np.datetime64(f'{y:04d}-01-01')).astype(int) + 1


def greenness(kind, doy):
    """0…1 vegetation vigour of a land-cover kind on a day of the year (summer 2024)."""
    t = (doy - 152) / 92.0  # 0 on 1 June, 1 on 1 September
    return {
        'forest': 0.8 + 0.03 * math.sin(3 * t),
        'cropA': 0.75 - 0.15 * t if doy < 214 else 0.12,   # harvested from 1 August
        'cropB': 0.12 + 0.7 * min(1.0, max(0.0, t * 1.15)),
        'grass': 0.55 + 0.1 * math.cos(5 * t),
        'bare': 0.05,
        'water': 0.0,
    }[kind]


def ground(x, y, date):
    """MSI surface reflectance of the cloud-free ground: {band: array} for blue, green, red, nir."""
    doy = day_of_year(date)
    ci = np.clip(np.floor(x / CELL).astype(int) + 100, 0, 199)
    cj = np.clip(np.floor(y / CELL).astype(int) + 100, 0, 199)
    kind = CELL_KINDS[ci, cj]
    g = np.zeros(x.shape)
    for k, name in enumerate(KINDS):
        g[kind == k] = greenness(name, doy)
    g = np.clip(g + 0.06 * np.sin(x / 137.0) * np.cos(y / 91.0) + 0.03 * np.sin((x + y) / 53.0), 0, 1)
    out = {
        'blue': 0.065 - 0.03 * g,
        'green': 0.085 - 0.015 * g + 0.02 * g * (1 - g),
        'red': 0.14 - 0.11 * g,
        'nir': 0.2 + 0.32 * g,
    }
    water = kind == KINDS.index('water')
    for band, value in (('blue', 0.05), ('green', 0.06), ('red', 0.03), ('nir', 0.02)):
        out[band] = np.where(water, value, out[band])
    out['kind'] = kind
    out['g'] = g
    return out


# Clouds per acquisition: (seed, blobs, radius range m, cirrus band?, shadow offset m). Blobs lie in
# the local frame over the kit's extent (or the kind's `extent`: (x0, x1), (y0, y1)); SCL 9 within
# 0.6 r, 8 within r, shadow (3) where the blob shifted by the shadow offset falls on clear ground,
# cirrus (10) in a diagonal band. The `wide-*` kinds cover the area benchmark's 44 km (test/bench/area).
CLOUDS = {
    'none': None,
    'few': {'blobs': 2, 'radius': (120, 260), 'cirrus': False},
    'patchy': {'blobs': 5, 'radius': (150, 420), 'cirrus': False},
    'heavy': {'blobs': 14, 'radius': (600, 1300), 'cirrus': True},
    'shadows': {'blobs': 4, 'radius': (200, 450), 'cirrus': False},
    'cirrus': {'blobs': 1, 'radius': (200, 300), 'cirrus': True},
    'wide-few': {'blobs': 8, 'radius': (400, 1200), 'cirrus': False, 'extent': ((-24000, 22000), (-22000, 22000))},
    'wide-patchy': {'blobs': 30, 'radius': (500, 1800), 'cirrus': False, 'extent': ((-24000, 22000), (-22000, 22000))},
    'wide-shadows': {'blobs': 16, 'radius': (600, 1500), 'cirrus': False, 'extent': ((-24000, 22000), (-22000, 22000))},
}
KIT_EXTENT = ((-4000, 4000), (-1700, 2300))
SHADOW = (-260.0, 190.0)


def cloud_blobs(kind, seed):
    spec = CLOUDS[kind]
    if spec is None:
        return []
    rng = np.random.default_rng(seed)
    (x0, x1), (y0, y1) = spec.get('extent', KIT_EXTENT)
    cx = rng.uniform(x0, x1, spec['blobs'])
    cy = rng.uniform(y0, y1, spec['blobs'])
    r = rng.uniform(*spec['radius'], spec['blobs'])
    return list(zip(cx, cy, r))


def sky(x, y, kind, seed, drift=(0.0, 0.0)):
    """SCL-like sky class at positions: 0 clear, 9/8 cloud, 10 cirrus, 3 shadow."""
    out = np.zeros(x.shape, np.uint8)
    spec = CLOUDS[kind]
    if spec is None:
        return out
    blobs = cloud_blobs(kind, seed)
    x, y = x - drift[0], y - drift[1]
    if spec['cirrus']:
        band = np.abs((x * 0.6 - y * 0.8) - (seed % 7) * 150.0) < 220.0
        out[band] = 10
    for cx, cy, r in blobs:
        d_shadow = np.hypot(x - cx - SHADOW[0], y - cy - SHADOW[1])
        out[(d_shadow < 0.8 * r) & (out == 0)] = 3
    for cx, cy, r in blobs:
        d = np.hypot(x - cx, y - cy)
        out[d < r] = 8
        out[d < 0.6 * r] = 9
    return out


def under_sky(reflectance, sky_class):
    """Top-of-canopy reflectance as the sensor records it under the sky classes."""
    out = {}
    for band, value in reflectance.items():
        if band in ('kind', 'g'):
            continue
        v = value.copy()
        v = np.where(sky_class == 3, v * 0.45, v)
        v = np.where(sky_class == 10, v + 0.04, v)
        v = np.where(sky_class == 8, 0.3 + 0.2 * v, v)
        v = np.where(sky_class == 9, 0.45 + 0.1 * v, v)
        out[band] = v
    return out


def landcover_scl(reflectance):
    """SCL classes of clear ground: 4 vegetation, 5 not vegetated, 6 water."""
    kind, g = reflectance['kind'], reflectance['g']
    return np.where(kind == KINDS.index('water'), 6, np.where(g > 0.35, 4, 5)).astype(np.uint8)


def no_data_edge(x, y, edge):
    """True where an orbit edge leaves no data: the half-plane a·x + b·y > c (local metres)."""
    if edge is None:
        return np.zeros(x.shape, bool)
    a, b, c = edge
    return a * x + b * y > c
