"""Writes single-tile DEFLATE GeoTIFFs with GDAL/libtiff and reports where libtiff put each
compressed tile, so a test can inflate it and compare the predicted bytes with its own.

usage: libtiff_tile.py WIDTH RAW:DTYPE:PREDICTOR:OUT_TIF ...
  RAW is one WIDTHxWIDTH tile, little-endian DTYPE
prints [{"offset": n, "size": n}, ...], one per tile
"""
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()

DTYPES = {"float32": (np.float32, gdal.GDT_Float32), "uint8": (np.uint8, gdal.GDT_Byte),
          "int16": (np.int16, gdal.GDT_Int16), "uint16": (np.uint16, gdal.GDT_UInt16)}


def write_tile(width, raw_path, dtype, predictor, out_path):
    np_type, gdal_type = DTYPES[dtype]
    data = np.fromfile(raw_path, dtype=np.dtype(np_type).newbyteorder("<")).reshape(width, width)
    ds = gdal.GetDriverByName("GTiff").Create(out_path, width, width, 1, gdal_type, options=[
        "TILED=YES", "BLOCKXSIZE=%d" % width, "BLOCKYSIZE=%d" % width,
        "COMPRESS=DEFLATE", "PREDICTOR=" + predictor, "ZLEVEL=6"])
    ds.GetRasterBand(1).WriteArray(data)
    ds = None
    ds = gdal.Open(out_path)  # keep the dataset alive while its band is used
    band = ds.GetRasterBand(1)
    return {
        "offset": int(band.GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF")),
        "size": int(band.GetMetadataItem("BLOCK_SIZE_0_0", "TIFF")),
    }


def main():
    width = int(sys.argv[1])
    print(json.dumps([write_tile(width, *spec.split(":")) for spec in sys.argv[2:]]))


if __name__ == "__main__":
    main()
