"""Independent GDAL + numpy reference for a processing result, compared pixel by pixel.

usage: reference_compare.py <spec.json>

spec = {
  "result": "result.tif",                      # our COG (read with GDAL)
  "expression": "(nir - red) / (nir + red)",   # numpy expression over the band names
  "scenes": {"scene" | "before" | "after": {
      "bands": {"nir": {"path", "band" (1-based), "scale", "offset", "nodata", "overview_level"?}, ...},
      "mask": null | {"path", "kind": "scl" | "landsat-qa", "classes": [...], "bits": 31}}},
  "threshold": 0.2                              # change only
}
Every input is carried onto the result's grid by gdalwarp with exact transformation (-et 0):
bilinear on the DN in float64 with the band's nodata excluded (so no rounding and no blending of
nodata; radiometry is linear, so this equals warping reflectance), near for masks. Then
reflectance = DN * scale + offset, the expression in float64, NaN where any input is nodata or
masked; change: after - before and -1/0/+1 at +-threshold.
Prints JSON: per band max_abs_diff over pixels valid in both, nan_mismatches, valid counts, and
for change the class mismatches not explained by float32 rounding next to +-threshold.
"""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
spec = json.load(open(sys.argv[1]))
result = gdal.Open(spec['result'])
gt = result.GetGeoTransform()
W, H = result.RasterXSize, result.RasterYSize
bounds = (gt[0], gt[3] + H * gt[5], gt[0] + W * gt[1], gt[3])
srs = result.GetProjection()


def on_grid(path, band, resampling, nodata, overview_level=None):
    opened = gdal.OpenEx(path, open_options=[f'OVERVIEW_LEVEL={overview_level}']) if overview_level is not None else path
    src = gdal.Translate('', opened, format='VRT', bandList=[band])
    options = dict(format='MEM', outputBounds=bounds, width=W, height=H, dstSRS=srs, resampleAlg=resampling,
                   outputType=gdal.GDT_Float64, dstNodata=float('nan'), errorThreshold=0)
    if nodata is not None:
        options['srcNodata'] = nodata
    warped = gdal.Warp('', src, **options)
    return warped.GetRasterBand(1).ReadAsArray().astype(np.float64)


def scene_values(scene):
    values = {}
    for name, band in scene['bands'].items():
        dn = on_grid(band['path'], band.get('band', 1), 'bilinear', band.get('nodata'), band.get('overview_level'))
        values[name] = dn * band.get('scale', 1) + band.get('offset', 0)
    with np.errstate(divide='ignore', invalid='ignore'):
        out = eval(spec['expression'], {'np': np}, values)
    out = np.asarray(out, dtype=np.float64)
    mask = scene.get('mask')
    if mask:
        cls = on_grid(mask['path'], 1, 'near', None)
        if mask['kind'] == 'scl':
            invalid = np.isin(cls, mask['classes']) | np.isnan(cls)
        else:
            invalid = np.isnan(cls) | ((np.nan_to_num(cls).astype(np.int64) & mask['bits']) != 0)
        out = np.where(invalid, np.nan, out)
    return out


def compare(ours, ref):
    ours_nan, ref_nan = np.isnan(ours), np.isnan(ref)
    both = ~ours_nan & ~ref_nan
    diff = np.abs(ours.astype(np.float64) - ref)[both]
    return {'max_abs_diff': float(diff.max()) if diff.size else 0.0,
            'p999_abs_diff': float(np.quantile(diff, 0.999)) if diff.size else 0.0,
            'nan_mismatches': int((ours_nan != ref_nan).sum()),
            'valid_ours': int((~ours_nan).sum()), 'valid_ref': int((~ref_nan).sum()),
            'ref_min': float(np.nanmin(ref)) if (~ref_nan).any() else None,
            'ref_max': float(np.nanmax(ref)) if (~ref_nan).any() else None,
            'ref_mean': float(np.nanmean(ref)) if (~ref_nan).any() else None}


scenes = spec['scenes']
report = {'width': W, 'height': H, 'geotransform': list(gt)}
if 'scene' in scenes:
    ref = scene_values(scenes['scene'])
    report['band1'] = compare(result.GetRasterBand(1).ReadAsArray(), ref)
else:
    before, after = scene_values(scenes['before']), scene_values(scenes['after'])
    diff = after - before
    t = spec['threshold']
    cls = np.where(np.isnan(diff), np.nan, np.where(diff > t, 1.0, np.where(diff < -t, -1.0, 0.0)))
    ours_diff = result.GetRasterBand(1).ReadAsArray()
    ours_cls = result.GetRasterBand(2).ReadAsArray()
    report['band1'] = compare(ours_diff, diff)
    report['band2'] = compare(ours_cls, cls)
    both = ~np.isnan(ours_cls) & ~np.isnan(cls)
    differ = both & (ours_cls != cls)
    near = np.abs(np.abs(np.nan_to_num(diff)) - t) < 1e-6
    report['class_mismatches'] = int(differ.sum())
    report['class_mismatches_not_at_threshold'] = int((differ & ~near).sum())
    report['ref_gain'] = int((cls == 1).sum())
    report['ref_loss'] = int((cls == -1).sum())
print(json.dumps(report))
