"""Reference, part 3: a time series over an area or at a point (period "day": one entry per
observation = platform + solar day, per variable), statistics in float64 over the area's pixels:
valid = inside the area and a number; mean, median, std (ddof 0), min, max, p10 and p90 (numpy's
default linear percentiles) over the valid values; cloud_fraction = cloud-masked / (valid +
cloud-masked) pixels inside the area (null when none had data); every statistic null when no pixel
is valid. Every observation of the scenes found has an entry, even one with no valid pixel."""
import numpy as np

from area_grid import inside_mask
from reference_outputs import make_grid, observation_planes, outputs_of
from reference_scenes import group_observations, select_scenes


def area_statistics(values, inside, cloud):
    valid = inside & ~np.isnan(values)
    clouded = inside & cloud & ~valid
    v = values[valid]
    with_data = v.size + int(clouded.sum())
    out = {'valid_pixels': int(v.size), 'cloud_fraction': float(clouded.sum() / with_data) if with_data else None}
    if v.size == 0:
        return {**{k: None for k in ('mean', 'median', 'std', 'min', 'max', 'p10', 'p90')}, **out}
    p10, median, p90 = np.percentile(v, [10, 50, 90])
    return {'mean': float(v.mean()), 'median': float(median), 'std': float(v.std()), 'min': float(v.min()), 'max': float(v.max()),
            'p10': float(p10), 'p90': float(p90), **out}


def timeseries(kit, job):
    if job.get('period', 'day') != 'day':
        raise ValueError('the reference computes period "day" only')
    scenes = select_scenes(kit, job)
    groups = group_observations(scenes)
    outputs, needed = outputs_of(job)
    grid = make_grid(job, scenes, needed)
    inside = inside_mask(job['aoi'], grid).astype(bool)
    entries = []
    for group, planes, _, cloud in observation_planes(groups, grid, job, outputs, needed):
        for name, _ in outputs:
            entries.append({'datetime': group['datetime'], 'source': group['source'], 'platform': group['platform'],
                            'scenes': [s['id'] for s in group['scenes']], 'variable': name, **area_statistics(planes[name], inside, cloud)})
    return {'grid': grid, 'scenes': scenes, 'groups': groups, 'entries': entries}
