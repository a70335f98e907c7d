"""Writing the kit's rasters as COGs with GDAL, and reading back what the tests need of them: the
raster's grid, its footprint in lon/lat, and where each COG block's bytes are."""
import os

import numpy as np
from osgeo import gdal, osr

from area_grid import WGS84, srs_of

gdal.UseExceptions()


def write_cog(path, data, geotransform, epsg, nodata, block, resampling, predictor=True):
    """A single-band COG: DEFLATE (with the horizontal predictor unless `predictor` is false), `block`² tiles, overviews."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    height, width = data.shape
    kind = {np.dtype(np.uint16): gdal.GDT_UInt16, np.dtype(np.uint8): gdal.GDT_Byte}[data.dtype]
    mem = gdal.GetDriverByName('MEM').Create('', width, height, 1, kind)
    mem.SetGeoTransform(geotransform)
    mem.SetProjection(srs_of(epsg).ExportToWkt())
    band = mem.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(data)
    options = ['COMPRESS=DEFLATE', f'PREDICTOR={"YES" if predictor else "NO"}', f'BLOCKSIZE={block}', 'OVERVIEWS=AUTO', f'RESAMPLING={resampling}']
    gdal.Translate(path, mem, format='COG', creationOptions=options)
    return describe_file(path, epsg)


def _block_offsets(band):
    xs, ys = band.GetBlockSize()
    cols = (band.XSize + xs - 1) // xs
    rows = (band.YSize + ys - 1) // ys
    blocks = []
    for row in range(rows):
        for col in range(cols):
            offset = int(band.GetMetadataItem(f'BLOCK_OFFSET_{col}_{row}', 'TIFF'))
            size = int(band.GetMetadataItem(f'BLOCK_SIZE_{col}_{row}', 'TIFF'))
            blocks.append([offset, size])
    return cols, rows, blocks


def describe_file(path, epsg):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    cols, rows, blocks = _block_offsets(band)
    overview_blocks = []
    for level in range(band.GetOverviewCount()):
        overview_blocks.extend(_block_offsets(band.GetOverview(level))[2])
    data_starts = [offset for offset, _ in blocks + overview_blocks if offset > 0]
    return {
        'path': path,
        'bytes': os.path.getsize(path),
        'width': ds.RasterXSize,
        'height': ds.RasterYSize,
        'epsg': epsg,
        'geotransform': list(ds.GetGeoTransform()),
        'block': list(band.GetBlockSize()),
        'block_grid': [cols, rows],
        # Full-resolution blocks, row-major: [offset, size] (size 0: an empty block GDAL left out).
        'blocks': blocks,
        'overviews': band.GetOverviewCount(),
        # Bytes before the first block of any level: the header and IFDs.
        'header_end': min(data_starts),
    }


def footprint(geotransform, width, height, epsg, steps=8):
    """The raster's extent as a lon/lat polygon (counter-clockwise, edges sampled) and its bbox."""
    t = geotransform
    edge = []
    for k in range(steps):
        edge.append((k / steps * width, height))
    for k in range(steps):
        edge.append((width, height - k / steps * height))
    for k in range(steps):
        edge.append((width - k / steps * width, 0))
    for k in range(steps):
        edge.append((0, k / steps * height))
    ct = osr.CoordinateTransformation(srs_of(epsg), WGS84)
    points = ct.TransformPoints([(t[0] + c * t[1], t[3] + r * t[5]) for c, r in edge])
    ring = [[round(x, 7), round(y, 7)] for x, y, _ in points]
    ring.append(ring[0])
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return {'type': 'Polygon', 'coordinates': [ring]}, [min(lons), min(lats), max(lons), max(lats)]
