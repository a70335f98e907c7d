/** Plain-data raster shapes shared by the worker math: typed arrays plus a grid description. */
import type { GeoTransform } from './geo/geo-transform';

/** Any typed array a GeoTIFF band decodes to. */
export type NumericArray =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export interface GridSize {
  readonly width: number;
  readonly height: number;
}

/** Where a raster's pixels lie: CRS (e.g. 'EPSG:32633'), size and affine transform (GDAL order). */
export interface RasterGrid extends GridSize {
  readonly crs: string;
  readonly transform: GeoTransform;
}

/** Row-major pixel values on a grid. */
export interface GriddedRaster {
  readonly data: NumericArray;
  readonly grid: RasterGrid;
}
