"""Independent reference for area jobs (issue 15) over the area kit: GDAL + numpy in float64.

usage: reference_area.py <request.json>
  request = {"kit": <manifest.json>, "out": <dir>, "job": <the body POSTed to /api/v1/jobs>}
  job types: composite, change (the period form), timeseries — spec-15 shapes.
writes into <out>:
  composite / change: expected.npy (bands × height × width, float64, NaN = no data), inside.npy
    (uint8, 1 = pixel centre inside the area), observations.npy (time × height × width, the
    per-observation values, composites of one variable only), meta.json
  timeseries: timeseries.json ({entries: [...]} as GET /jobs/{id}/result.json), inside.npy, meta.json
prints meta.json: {grid, scenes (sorted ids), observations, groups, bands, kinds, aoi_kind}.
Scene choice, observations and mosaics: reference_scenes.py; grid and area mask: area_grid.py.
Per observation the index/expression is evaluated on the mosaic in float64; reducers are numpy's
nan-reducers over time (first/last: the earliest/latest valid observation; count: valid ones);
max_ndvi takes every output band from the observation with the highest NDVI (earliest on ties);
outside the area every band is NaN. Change: after − before of two composites on one grid, class
+1 where diff > threshold, −1 where diff < −threshold, else 0 (workers/lib/change.ts's rule).
"""
import json
import os
import sys
import warnings

import numpy as np

sys.dont_write_bytecode = True  # the kit's modules are imported from the source tree: leave no __pycache__ there
from area_grid import aoi_kind, inside_mask
from reference_outputs import make_grid, observation_planes, outputs_of
from reference_scenes import group_observations, select_scenes
from reference_timeseries import timeseries


def reduce_time(stack, reducer):
    valid = ~np.isnan(stack)
    any_valid = valid.any(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', RuntimeWarning)
        if reducer in ('median', 'mean', 'min', 'max'):
            return {'median': np.nanmedian, 'mean': np.nanmean, 'min': np.nanmin, 'max': np.nanmax}[reducer](stack, axis=0)
    if reducer == 'count':
        return valid.sum(axis=0).astype(np.float64)
    index = np.argmax(valid, axis=0) if reducer == 'first' else stack.shape[0] - 1 - np.argmax(valid[::-1], axis=0)
    picked = np.take_along_axis(stack, index[None], axis=0)[0]
    return np.where(any_valid, picked, np.nan)


def composite(kit, job, grid=None):
    scenes = select_scenes(kit, job)
    groups = group_observations(scenes)
    outputs, needed = outputs_of(job)
    grid = grid or make_grid(job, scenes, needed)
    stacks = {name: [] for name, _ in outputs}
    ndvis = []
    for _, planes, ndvi, _ in observation_planes(groups, grid, job, outputs, needed):
        for name in stacks:
            stacks[name].append(planes[name])
        if ndvi is not None:
            ndvis.append(ndvi)
    shape = (grid['height'], grid['width'])
    stacks = {name: np.stack(s) if s else np.full((0, *shape), np.nan) for name, s in stacks.items()}
    first = stacks[outputs[0][0]]
    if job['reducer'] == 'max_ndvi':
        ndvi = np.stack(ndvis) if ndvis else np.full((0, *shape), np.nan)
        has = (~np.isnan(ndvi)).any(axis=0)
        chosen = np.argmax(np.where(np.isnan(ndvi), -np.inf, ndvi), axis=0)  # first maximum: earliest on ties
        bands = [np.where(has, np.take_along_axis(stacks[name], chosen[None], axis=0)[0], np.nan) for name, _ in outputs]
        count = (~np.isnan(ndvi)).sum(axis=0).astype(np.float64)
    else:
        bands = [reduce_time(stacks[name], job['reducer']) for name, _ in outputs]
        count = (~np.isnan(first)).sum(axis=0).astype(np.float64)
    names = [name for name, _ in outputs]
    kinds = ['count' if job['reducer'] == 'count' else 'value'] * len(bands)
    if job.get('valid_count'):
        bands.append(count)
        names.append('valid_count')
        kinds.append('count')
    return {'grid': grid, 'scenes': scenes, 'groups': groups, 'bands': bands, 'names': names, 'kinds': kinds,
            'observations': first if len(outputs) == 1 else None}


def change(kit, job):
    shared = {k: v for k, v in job.items() if k not in ('type', 'before', 'after', 'threshold')}
    shared.setdefault('reducer', 'median')
    if not shared.get('expression'):
        shared.setdefault('index', 'ndvi')
    before_job, after_job = {**shared, **job['before']}, {**shared, **job['after']}
    _, needed = outputs_of(before_job)
    everything = select_scenes(kit, before_job) + select_scenes(kit, after_job)
    grid = make_grid(job, everything, needed)
    before, after = composite(kit, before_job, grid), composite(kit, after_job, grid)
    diff = after['bands'][0] - before['bands'][0]
    t = job.get('threshold', 0.2)
    cls = np.where(np.isnan(diff), np.nan, np.where(diff > t, 1.0, np.where(diff < -t, -1.0, 0.0)))
    return {'grid': grid, 'scenes': before['scenes'] + after['scenes'], 'groups': before['groups'] + after['groups'],
            'bands': [diff, cls], 'names': ['difference', 'class'], 'kinds': ['value', 'class'], 'observations': None,
            'periods': {'before': describe(before), 'after': describe(after)}}


def describe(result):
    return {'scenes': sorted(s['id'] for s in result['scenes']), 'observations': len(result['groups']),
            'groups': [{'label': g['label'], 'platform': g['platform'], 'datetime': g['datetime'], 'scenes': [s['id'] for s in g['scenes']]}
                       for g in result['groups']]}


def main():
    request = json.load(open(sys.argv[1]))
    kit = json.load(open(request['kit']))
    job, out = request['job'], request['out']
    os.makedirs(out, exist_ok=True)
    result = {'composite': composite, 'change': change, 'timeseries': timeseries}[job['type']](kit, job)
    inside = inside_mask(job['aoi'], result['grid'])
    np.save(os.path.join(out, 'inside.npy'), inside)
    meta = {'grid': result['grid'], 'aoi_kind': aoi_kind(job['aoi']), 'inside_pixels': int(inside.sum()), **describe(result)}
    if job['type'] == 'timeseries':
        with open(os.path.join(out, 'timeseries.json'), 'w') as f:
            json.dump({'entries': result['entries']}, f, indent=1)
        meta['entries'] = len(result['entries'])
    else:
        outside = inside == 0
        for band in result['bands']:
            band[outside] = np.nan
        np.save(os.path.join(out, 'expected.npy'), np.stack(result['bands']))
        if result['observations'] is not None:
            np.save(os.path.join(out, 'observations.npy'), np.where(outside[None], np.nan, result['observations']))
        meta.update({'bands': result['names'], 'kinds': result['kinds'], 'periods': result.get('periods')})
    with open(os.path.join(out, 'meta.json'), 'w') as f:
        json.dump(meta, f, indent=1)
    print(json.dumps(meta))


if __name__ == '__main__':
    main()
