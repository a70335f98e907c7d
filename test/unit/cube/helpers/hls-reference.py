"""numpy reference for the HLS bandpass adjustment (float64).

The table below is transcribed independently from the HLS Product User Guide v2.0, Table 5
(rho_OLI = a * rho_MSI + b). usage: hls-reference.py <dir> <pixels>
reads <dir>/values.f32; writes <dir>/<target>-<platform>-<band>.f64 for every case the
adjustment applies to, and prints the cases written as JSON [{file, target, platform, band}].
"""
import json
import sys

import numpy as np

TABLE5 = {  # band: (S2A a, b, S2B a, b, S2C a, b)
    'coastal': (0.9959, -0.0002, 0.9959, -0.0002, 1.003, 0.0),
    'blue': (0.9778, -0.004, 0.9778, -0.004, 0.9851, -0.0027),
    'green': (1.0053, -0.0009, 1.0075, -0.0008, 1.0038, -0.0009),
    'red': (0.9765, 0.0009, 0.9761, 0.001, 0.9718, 0.0011),
    'nir08': (0.9983, -0.0001, 0.9966, 0.0, 0.9995, -0.0003),
    'swir16': (0.9987, -0.0011, 1.000, -0.0003, 0.9994, -0.0007),
    'swir22': (1.003, -0.0012, 0.9867, 0.0004, 0.991, 0.0004),
}
MSI = ['sentinel-2a', 'sentinel-2b', 'sentinel-2c']

folder, pixels = sys.argv[1], int(sys.argv[2])
x = np.fromfile(f'{folder}/values.f32', dtype='<f4').astype(np.float64)
written = []
for band, coefficients in TABLE5.items():
    a, b = coefficients[0], coefficients[1]
    for platform in ['landsat-8', 'landsat-9']:  # OLI made to look like S2A MSI
        name = f'msi-{platform}-{band}.f64'
        ((x - b) / a).astype('<f8').tofile(f'{folder}/{name}')
        written.append({'file': name, 'target': 'msi', 'platform': platform, 'band': band})
    for i, platform in enumerate(MSI):  # MSI made to look like OLI, HLS's own direction
        a, b = coefficients[2 * i], coefficients[2 * i + 1]
        name = f'oli-{platform}-{band}.f64'
        (a * x + b).astype('<f8').tofile(f'{folder}/{name}')
        written.append({'file': name, 'target': 'oli', 'platform': platform, 'band': band})
print(json.dumps(written))
