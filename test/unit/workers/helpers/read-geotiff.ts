/** Reads band 1 of a GeoTIFF with geotiff.js, as the workers will, plus its grid and nodata. */
import { fromFile } from 'geotiff';
import { geoTransformFromGeoTiff } from '../../../../workers/lib/geo/geo-transform';
import type { NumericArray, RasterGrid } from '../../../../workers/lib/raster-types';

export interface ReadBand {
  readonly data: NumericArray;
  readonly grid: RasterGrid;
  readonly nodata: number | null;
}

export async function readBand(path: string, band = 0): Promise<ReadBand> {
  const tiff = await fromFile(path);
  try {
    const image = await tiff.getImage();
    const [data] = await image.readRasters({ samples: [band] });
    const keys = image.getGeoKeys();
    const epsg = keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey;
    const directory = image.getFileDirectory();
    return {
      data: data as NumericArray,
      nodata: image.getGDALNoData(),
      grid: {
        crs: `EPSG:${epsg}`,
        width: image.getWidth(),
        height: image.getHeight(),
        transform: geoTransformFromGeoTiff({
          modelTransformation: directory.getValue('ModelTransformation'),
          modelPixelScale: directory.getValue('ModelPixelScale'),
          modelTiepoint: directory.getValue('ModelTiepoint'),
          rasterType: keys?.GTRasterTypeGeoKey,
        }),
      },
    };
  } finally {
    await tiff.close();
  }
}
