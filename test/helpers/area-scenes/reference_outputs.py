"""Reference, part 2: what an area job computes per observation — its output bands (plain bands,
an index or an expression evaluated in float64 on the observation's mosaic) — and its grid."""
import ast

import numpy as np

from area_grid import centre, grid_for, utm_epsg
from reference_scenes import finest_resolution, mosaic

INDICES = {
    'ndvi': '(nir - red) / (nir + red)',
    'ndwi': '(green - nir) / (green + nir)',
    'nbr': '(nir - swir22) / (nir + swir22)',
    'evi': '2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)',
    'savi': '(1.5 * (nir - red)) / (nir + red + 0.5)',
}
NDVI = INDICES['ndvi']


def names_in(expression):
    return sorted({node.id for node in ast.walk(ast.parse(expression, mode='eval')) if isinstance(node, ast.Name)})


def evaluate(expression, values):
    with np.errstate(divide='ignore', invalid='ignore'):
        return np.asarray(eval(expression, {'__builtins__': {}}, values), dtype=np.float64)


def outputs_of(job):
    """[(output name, expression or None for a plain band)], and the variables they read."""
    if job.get('bands'):
        outputs = [(name, None) for name in job['bands']]
    elif job.get('expression'):
        outputs = [('value', job['expression'])]
    else:
        name = job.get('index', 'ndvi')
        outputs = [(name, INDICES[name])]
    needed = set()
    for name, expression in outputs:
        needed |= set(names_in(expression)) if expression else {name}
    if job.get('reducer') == 'max_ndvi':
        needed |= {'nir', 'red'}
    return outputs, sorted(needed)


def make_grid(job, scenes, needed):
    epsg = int(job['crs'].split(':')[1]) if job.get('crs') else utm_epsg(*centre(job['aoi']))
    resolution = job.get('resolution') or finest_resolution(scenes, needed)
    return grid_for(job['aoi'], epsg, resolution)


def observation_planes(groups, grid, job, outputs, needed):
    """Per observation: {output: plane}, its NDVI (max_ndvi only), and its cloud-masked plane."""
    for group in groups:
        values, _, cloud = mosaic(group, grid, needed, job.get('harmonize'), job.get('mask_clouds', True))
        planes = {name: (evaluate(expression, values) if expression else values[name]) for name, expression in outputs}
        ndvi = evaluate(NDVI, values) if job.get('reducer') == 'max_ndvi' else None
        yield group, planes, ndvi, cloud
