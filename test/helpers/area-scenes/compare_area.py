"""Compares an area job's COG with the reference (reference_area.py's output), pixel by pixel.

usage: compare_area.py <result.tif> <reference dir> [threshold]
Every band of the result is read by GDAL as float64; a nodata tag other than NaN turns that value
into NaN on both sides (a count band may tag 0). For a bbox area only the pixels whose centre is
inside the bbox are compared (the grid's corners outside the projected bbox are left to the
engine); for a polygon or point every pixel is (outside must be no data).
Prints JSON: the grid check, then per band max_abs_diff over the pixels valid on both sides,
nan_mismatches, valid counts, reference min/max/mean, exact mismatches (count bands), and for
a change class band the mismatches not explained by a difference within 1e-4 of ±threshold.
"""
import json
import os
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
result_path, ref_dir = sys.argv[1], sys.argv[2]
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else None
meta = json.load(open(os.path.join(ref_dir, 'meta.json')))
expected = np.load(os.path.join(ref_dir, 'expected.npy'))
inside = np.load(os.path.join(ref_dir, 'inside.npy')).astype(bool)
ds = gdal.Open(result_path)
grid = meta['grid']
srs = osr.SpatialReference(wkt=ds.GetProjection())
srs.AutoIdentifyEPSG()
ours_gt = list(ds.GetGeoTransform())
report = {
    'grid': {
        'size_equal': [ds.RasterXSize, ds.RasterYSize] == [grid['width'], grid['height']],
        'geotransform_equal': all(abs(a - b) < 1e-6 for a, b in zip(ours_gt, grid['transform'])),
        'epsg_equal': srs.GetAuthorityCode(None) == str(grid['epsg']),
        'ours': {'size': [ds.RasterXSize, ds.RasterYSize], 'geotransform': ours_gt, 'epsg': srs.GetAuthorityCode(None)},
        'reference': {'size': [grid['width'], grid['height']], 'geotransform': grid['transform'], 'epsg': str(grid['epsg'])},
    },
    'band_count': ds.RasterCount,
    'bands': [],
}
same_grid = report['grid']['size_equal']
region = inside if meta['aoi_kind'] == 'bbox' else np.ones(inside.shape, bool)


def band_report(index):
    band = ds.GetRasterBand(index + 1)
    ours = band.ReadAsArray().astype(np.float64)
    ref = expected[index].copy()
    tag = band.GetNoDataValue()
    if tag is not None and not np.isnan(tag):
        ours[ours == tag] = np.nan
        ref[ref == tag] = np.nan
    ours, ref = ours[region], ref[region]
    ours_nan, ref_nan = np.isnan(ours), np.isnan(ref)
    both = ~ours_nan & ~ref_nan
    diff = np.abs(ours - ref)[both]
    kind = meta['kinds'][index]
    out = {
        'name': meta['bands'][index], 'kind': kind, 'nodata': None if tag is None or np.isnan(tag) else tag,
        'max_abs_diff': float(diff.max()) if diff.size else 0.0,
        'nan_mismatches': int((ours_nan != ref_nan).sum()),
        'valid_ours': int((~ours_nan).sum()), 'valid_ref': int((~ref_nan).sum()),
        'ref_min': float(ref[~ref_nan].min()) if (~ref_nan).any() else None,
        'ref_max': float(ref[~ref_nan].max()) if (~ref_nan).any() else None,
        'ref_mean': float(ref[~ref_nan].mean()) if (~ref_nan).any() else None,
        'exact_mismatches': int((diff != 0).sum()),
    }
    if kind == 'class' and threshold is not None:
        ref_diff = expected[0][region]
        differ = both & (ours != ref)
        near = np.abs(np.abs(np.nan_to_num(ref_diff)) - threshold) <= 1e-4
        out['class_mismatches_not_at_threshold'] = int((differ & ~near).sum())
        out['ref_gain'] = int((ref == 1).sum())
        out['ref_loss'] = int((ref == -1).sum())
    return out


if same_grid:
    report['bands'] = [band_report(i) for i in range(min(ds.RasterCount, expected.shape[0]))]
print(json.dumps(report))
