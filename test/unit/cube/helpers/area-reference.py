"""numpy reference for area statistics (float64).

usage: area-reference.py <dir> <pixels> <case>...
for each case reads <dir>/<case>.values.f32, and when present <case>.area.u8 (1 = inside) and
<case>.cloud.u8 (1 = cloud-masked); prints {case: statistics} as JSON (null where undefined).
"""
import json
import os
import sys

import numpy as np

folder, pixels, cases = sys.argv[1], int(sys.argv[2]), sys.argv[3:]


def optional_mask(path):
    return np.fromfile(path, dtype=np.uint8).astype(bool) if os.path.exists(path) else None


def stats(case):
    values = np.fromfile(f'{folder}/{case}.values.f32', dtype='<f4').astype(np.float64)
    area = optional_mask(f'{folder}/{case}.area.u8')
    cloud = optional_mask(f'{folder}/{case}.cloud.u8')
    inside = area if area is not None else np.ones(values.shape, bool)
    clouded = inside & cloud if cloud is not None else np.zeros(values.shape, bool)
    valid = inside & ~clouded & ~np.isnan(values)
    v = values[valid]
    with_data = int(valid.sum() + clouded.sum())
    out = {
        'valid_pixels': int(v.size),
        'cloud_fraction': float(clouded.sum()) / with_data if with_data else None,
    }
    if v.size == 0:
        out.update(mean=None, median=None, std=None, min=None, max=None, p10=None, p90=None)
    else:
        out.update(
            mean=float(np.mean(v)), median=float(np.median(v)), std=float(np.std(v)),
            min=float(np.min(v)), max=float(np.max(v)),
            p10=float(np.percentile(v, 10)), p90=float(np.percentile(v, 90)),
        )
    return out


print(json.dumps({case: stats(case) for case in cases}))
