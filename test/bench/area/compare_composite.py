"""How far the composite benchmark's two outputs are apart.

usage: compare_composite.py <ours.tif> <gdal.tif>

Both must be on the same grid (size, geotransform, CRS). Prints JSON: over the pixels valid in both,
the largest |ours − GDAL|, how many differ by more than 1e-4 and 1e-3 (where the two pick a
different 20 m SCL pixel by nearest neighbour at a cloud's edge, a pixel takes another set of
observations), and how many pixels are no data on one side only.
"""
import json
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
ours, theirs = (gdal.Open(path) for path in sys.argv[1:3])
same_crs = osr.SpatialReference(wkt=ours.GetProjection()).IsSame(osr.SpatialReference(wkt=theirs.GetProjection())) == 1
grid = {
    'size': [ours.RasterXSize, ours.RasterYSize] == [theirs.RasterXSize, theirs.RasterYSize],
    'geotransform': np.allclose(ours.GetGeoTransform(), theirs.GetGeoTransform(), rtol=0, atol=1e-6),
    'crs': same_crs,
}
if not all(grid.values()):
    print(json.dumps({'same_grid': False, 'grid': grid}))
    sys.exit(0)
worst, one_sided, valid, over4, over3 = 0.0, 0, 0, 0, 0
for y in range(0, ours.RasterYSize, 512):
    rows = min(512, ours.RasterYSize - y)
    a = ours.GetRasterBand(1).ReadAsArray(0, y, ours.RasterXSize, rows).astype(np.float64)
    b = theirs.GetRasterBand(1).ReadAsArray(0, y, ours.RasterXSize, rows).astype(np.float64)
    both = ~np.isnan(a) & ~np.isnan(b)
    one_sided += int((np.isnan(a) != np.isnan(b)).sum())
    valid += int(both.sum())
    if both.any():
        diff = np.abs(a[both] - b[both])
        worst = max(worst, float(diff.max()))
        over4 += int((diff > 1e-4).sum())
        over3 += int((diff > 1e-3).sum())
print(json.dumps({'same_grid': True, 'max_abs_diff': worst, 'over_1e4': over4, 'over_1e3': over3, 'one_sided_nodata': one_sided, 'valid_pixels': valid,
                  'pixels': ours.RasterXSize * ours.RasterYSize}))
