"""numpy reference for the temporal reducers (float64).

usage: temporal-reference.py <dir> <planes> <pixels> <bands>
reads  <dir>/stack.f32 (planes × pixels float32, NaN = invalid) and, when bands > 0,
       <dir>/bands.f32 (bands × planes × pixels; the NDVI stack is stack.f32)
writes <dir>/<reducer>.f64 for median, mean, min, max, first, last, count, and for bands > 0
       maxndvi-chosen.f64 (index, -1 where no valid NDVI) and maxndvi-band<b>.f64
"""
import sys
import warnings

import numpy as np

folder, planes, pixels, bands = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stack = np.fromfile(f'{folder}/stack.f32', dtype='<f4').reshape(planes, pixels).astype(np.float64)
valid = ~np.isnan(stack)
any_valid = valid.any(axis=0)

with warnings.catch_warnings():
    warnings.simplefilter('ignore', RuntimeWarning)
    results = {
        'median': np.nanmedian(stack, axis=0),
        'mean': np.nanmean(stack, axis=0),
        'min': np.nanmin(stack, axis=0),
        'max': np.nanmax(stack, axis=0),
    }
first_index = np.argmax(valid, axis=0)
last_index = planes - 1 - np.argmax(valid[::-1], axis=0)
columns = np.arange(pixels)
results['first'] = np.where(any_valid, stack[first_index, columns], np.nan)
results['last'] = np.where(any_valid, stack[last_index, columns], np.nan)
results['count'] = valid.sum(axis=0).astype(np.float64)
for name, values in results.items():
    values.astype('<f8').tofile(f'{folder}/{name}.f64')

if bands > 0:
    band_stack = np.fromfile(f'{folder}/bands.f32', dtype='<f4').reshape(bands, planes, pixels).astype(np.float64)
    filled = np.where(valid, stack, -np.inf)
    chosen = np.where(any_valid, np.argmax(filled, axis=0), -1)  # argmax: first of equal maxima
    chosen.astype('<f8').tofile(f'{folder}/maxndvi-chosen.f64')
    for b in range(bands):
        picked = np.where(any_valid, band_stack[b, np.maximum(chosen, 0), columns], np.nan)
        picked.astype('<f8').tofile(f'{folder}/maxndvi-band{b}.f64')
