"""The acquisitions of the area kit (README.md has the same table in prose), per variant.

Sentinel-2 `radiometry`, i.e. how each item states its scale/offset (sources/normalize/radiometry.ts):
  'pb'  Earth Search sentinel-2-l2a, s2:processing_baseline 05.10, earthsearch:boa_offset_applied
        false → DN × 0.0001 − 0.1 (the −1000 DN BOA offset is in the pixels)
  'boa' Earth Search sentinel-2-l2a, baseline 05.10, boa_offset_applied true → DN × 0.0001
  'c1'  Earth Search sentinel-2-c1-l2a, raster:bands declaring scale 0.0001, offset −0.1
`edges`: per tile, an orbit edge (kit_world.no_data_edge) leaving part of the tile without data.
`order`: seconds after the pass's sensing start at which each tile's granule is stamped (its
STAC datetime); the earlier tile wins where a pass's tiles overlap (first valid wins).
"""

MAIN_S2 = [
    {'date': '2024-05-21', 'sensing': '102609', 'platform': 'sentinel-2b', 'tiles': 'A', 'radiometry': 'pb', 'clouds': 'few', 'seed': 521},
    {'date': '2024-06-05', 'sensing': '102601', 'platform': 'sentinel-2a', 'tiles': 'AB', 'radiometry': 'pb', 'clouds': 'patchy', 'seed': 605},
    {'date': '2024-06-10', 'sensing': '102611', 'platform': 'sentinel-2b', 'tiles': 'A', 'radiometry': 'pb', 'clouds': 'few', 'seed': 610,
     'edges': {'A': (0.8, 0.6, 600.0)}},
    {'date': '2024-06-25', 'sensing': '102601', 'platform': 'sentinel-2a', 'tiles': 'AB', 'radiometry': 'pb', 'clouds': 'heavy', 'seed': 625},
    {'date': '2024-07-05', 'sensing': '102604', 'platform': 'sentinel-2a', 'tiles': 'ABF', 'radiometry': 'boa', 'clouds': 'none', 'seed': 705},
    {'date': '2024-07-15', 'sensing': '102613', 'platform': 'sentinel-2b', 'tiles': 'B', 'radiometry': 'c1', 'clouds': 'few', 'seed': 715},
    {'date': '2024-07-20', 'sensing': '102602', 'platform': 'sentinel-2a', 'tiles': 'AB', 'radiometry': 'pb', 'clouds': 'shadows', 'seed': 720},
    {'date': '2024-08-04', 'sensing': '102608', 'platform': 'sentinel-2b', 'tiles': 'AB', 'radiometry': 'pb', 'clouds': 'few', 'seed': 804,
     'edges': {'B': (-1.0, 0.3, -800.0)}},
    # Tile B's granule is stamped before tile A's: B wins in the overlap on this day.
    {'date': '2024-08-14', 'sensing': '102603', 'platform': 'sentinel-2a', 'tiles': 'AB', 'radiometry': 'pb', 'clouds': 'cirrus', 'seed': 814,
     'order': {'A': 31.7, 'B': 28.2}},
]

# Landsat 9 on the day of a Sentinel-2A pass, 7 minutes earlier; its clouds drifted 150 m west.
MAIN_LANDSAT = [
    {'date': '2024-07-20', 'time': '10:20:13.527', 'platform': 'landsat-9', 'clouds': 'shadows', 'seed': 720, 'drift': (-150.0, 60.0),
     'edge': (0.5, 1.0, 2600.0), 'path_row': ('196', '027'), 'processed': '20240721'},
]

# Areas of interest, in the local frame (metres east/north of 6°E 47°N; make_area_kit.py turns them
# into lon/lat rounded to 1e-5°).
MAIN_AOIS = {
    # 6 km × 2.5 km over both tiles; centre 5.9947°E → grid in UTM 31.
    'bbox': {'bbox': (-3400, -1000, 2600, 1500)},
    # A pentagon with a hole over both tiles; centre 6.0092°E → grid in UTM 32.
    'polygon': {'rings': [[(-1500, -800), (2600, -600), (3000, 900), (1200, 1800), (-1300, 1200)],
                          [(400, 200), (800, 200), (800, 600), (400, 600)]]},
    # A field astride the zone boundary, inside the tiles' overlap (time series).
    'field': {'rings': [[(-450, -350), (520, -300), (480, 420), (-380, 460)]]},
    # Most of the kit, for the lifecycle tests at 5 m (several output tiles).
    'wide': {'bbox': (-3800, -1500, 3800, 2000)},
}

CONSTANT_S2 = [
    {'date': '2024-06-05', 'sensing': '102601', 'platform': 'sentinel-2a', 'tiles': 'AB', 'radiometry': 'pb', 'clouds': 'none', 'seed': 1,
     'constant': {'blue': 0.05, 'green': 0.08, 'red': 0.1, 'nir': 0.3}},
    # SCL 9 (cloud, high probability) on rows 85–104, columns 100–129 of tile A's 20 m SCL grid.
    {'date': '2024-06-15', 'sensing': '102605', 'platform': 'sentinel-2b', 'tiles': 'A', 'radiometry': 'pb', 'clouds': 'none', 'seed': 2,
     'constant': {'blue': 0.04, 'green': 0.09, 'red': 0.06, 'nir': 0.34}, 'cloud_rect': {'A': (85, 105, 100, 130)}},
]
CONSTANT_LANDSAT = [
    {'date': '2024-06-20', 'time': '10:20:13.527', 'platform': 'landsat-9', 'clouds': 'none', 'seed': 3, 'drift': (0.0, 0.0), 'edge': None,
     'path_row': ('196', '027'), 'processed': '20240621', 'constant_dn': {'blue': 9000, 'green': 9800, 'red': 10000, 'nir08': 18000}},
]
CONSTANT_AOIS = {'bbox': {'bbox': (-3000, -500, 300, 1000)}}  # inside tiles A and L, over part of B

VARIANTS = {
    'main': {'s2': MAIN_S2, 'landsat': MAIN_LANDSAT, 'aois': MAIN_AOIS, 'noise': 0.0015},
    'constant': {'s2': CONSTANT_S2, 'landsat': CONSTANT_LANDSAT, 'aois': CONSTANT_AOIS, 'noise': 0.0},
}
