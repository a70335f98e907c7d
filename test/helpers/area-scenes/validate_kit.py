"""GDAL's COG validator (osgeo_utils validate_cloud_optimized_geotiff, with the full check) over
every file of the kit in one process. usage: validate_kit.py <manifest.json>
prints {"files": n, "problems": {path: {"warnings": [...], "errors": [...]}}} (only files with any)."""
import json
import sys

from osgeo import gdal
from osgeo_utils.samples.validate_cloud_optimized_geotiff import validate

gdal.UseExceptions()
manifest = json.load(open(sys.argv[1]))
paths = [info['path'] for scene in manifest['scenes'] for info in scene['files'].values()]
problems = {}
for path in paths:
    warnings, errors, _ = validate(path, full_check=True)
    if warnings or errors:
        problems[path] = {'warnings': warnings, 'errors': errors}
print(json.dumps({'files': len(paths), 'problems': problems}))
