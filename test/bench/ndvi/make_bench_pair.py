"""Makes the benchmark's full-size Sentinel-2-like pair with GDAL (cached: skipped when present).

usage: make_bench_pair.py <29RKH fixture dir> <dir>

<29RKH fixture dir>: test/fixtures/rasters/sentinel-2-l2a_S2A_29RKH_20200219 (run-ndvi-bench.js passes it,
from test/helpers/fixtures.ts).
<dir>/B04.tif, <dir>/B08.tif: 10980 x 10980 UInt16 COGs (DEFLATE, 512x512 tiles, overviews, no
predictor — like the sentinel-cogs originals), EPSG:32629 10 m, nodata 0. Pixels: the real 29RKH
fixture bands upsampled 10x (bilinear) plus Gaussian noise (sigma 25 DN), so tiles compress like
real data rather than like a smooth synthetic field; a 200-pixel nodata border on the west edge.
"""
import os
import subprocess
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
FIXTURE = sys.argv[1]
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
SIZE = 10980
rng = np.random.default_rng(2024)

for band in ('B04', 'B08'):
    final = os.path.join(out, f'{band}.tif')
    if os.path.exists(final):
        continue
    up = os.path.join(out, f'{band}.up.tif')
    subprocess.run(['gdal_translate', '-q', '-outsize', str(SIZE), str(SIZE), '-r', 'bilinear', '-co', 'TILED=YES',
                    os.path.join(FIXTURE, f'{band}.tif'), up], check=True)
    ds = gdal.Open(up, gdal.GA_Update)
    b = ds.GetRasterBand(1)
    step = 1024
    for y in range(0, SIZE, step):
        h = min(step, SIZE - y)
        data = b.ReadAsArray(0, y, SIZE, h).astype(np.float64)
        data += rng.normal(0, 25, data.shape)
        data = np.clip(np.rint(data), 1, 65535).astype(np.uint16)
        data[:, :200] = 0
        b.WriteArray(data, 0, y)
    b.SetNoDataValue(0)
    ds = None
    subprocess.run(['gdal_translate', '-q', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'BLOCKSIZE=512',
                    '-co', 'NUM_THREADS=ALL_CPUS', up, final + '.part'], check=True)
    os.rename(final + '.part', final)
    os.remove(up)
print(out)
