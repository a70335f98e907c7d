/**
 * A GeoTIFF file on disk read with geotiff.js: its full-resolution image, described as a
 * SourceGrid (EPSG, size, geotransform as GDAL reports it, band count, nodata), and windows of
 * its pixels as float32 planes with nodata turned into NaN.
 */
import { fromFile, type GeoTIFF, type GeoTIFFImage, type TypedArray } from 'geotiff';
import { geoTransformFromGeoTiff } from '../../../../workers/lib/geo/geo-transform';
import { MosaicError, type SourceGrid } from './mosaic-grid';

/** NewSubfileType bit 0: a reduced-resolution image (overview); bit 2: a mask. */
const REDUCED_OR_MASK = 1 | 4;

export class GeoTiffFile {
  private constructor(private readonly tiff: GeoTIFF, private readonly image: GeoTIFFImage, readonly grid: SourceGrid) {}

  static async open(path: string, label: string, signal?: AbortSignal): Promise<GeoTiffFile> {
    let tiff: GeoTIFF;
    try {
      tiff = await fromFile(path, signal);
    } catch (error) {
      throw new MosaicError(`${label} is not a GeoTIFF (${(error as Error).message})`);
    }
    try {
      const image = await fullResolution(tiff, label);
      return new GeoTiffFile(tiff, image, describe(image, label));
    } catch (error) {
      await tiff.close();
      throw error;
    }
  }

  /** Pixels [x0, y0, x1, y1) of every band, float32, nodata (and anything not finite) as NaN. */
  async read(window: [number, number, number, number], signal?: AbortSignal): Promise<Float32Array[]> {
    const rasters = await this.image.readRasters({ window, interleave: false, signal }) as unknown as TypedArray[];
    const nodata = this.grid.nodata;
    return rasters.map((band) => {
      const out = Float32Array.from(band as ArrayLike<number>);
      if (nodata !== null && !Number.isNaN(nodata)) {
        const stored = Math.fround(nodata);
        for (let i = 0; i < out.length; i++) if (out[i] === stored) out[i] = Number.NaN;
      }
      return out;
    });
  }

  async close(): Promise<void> {
    await this.tiff.close();
  }
}

async function fullResolution(tiff: GeoTIFF, label: string): Promise<GeoTIFFImage> {
  const count = await tiff.getImageCount();
  for (let index = 0; index < count; index++) {
    const image = await tiff.getImage(index);
    const subfile = (image.getFileDirectory().getValue('NewSubfileType') as number | undefined) ?? 0;
    if ((subfile & REDUCED_OR_MASK) === 0) return image;
  }
  throw new MosaicError(`${label} holds no full-resolution image`);
}

function describe(image: GeoTIFFImage, label: string): SourceGrid {
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  const code = keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey;
  if (typeof code !== 'number' || code <= 0 || code === 32767) throw new MosaicError(`${label} has no EPSG coordinate reference system`);
  const directory = image.getFileDirectory();
  let transform;
  try {
    transform = geoTransformFromGeoTiff({
      modelTransformation: directory.getValue('ModelTransformation') as number[] | undefined,
      modelPixelScale: directory.getValue('ModelPixelScale') as number[] | undefined,
      modelTiepoint: directory.getValue('ModelTiepoint') as number[] | undefined,
      rasterType: keys?.GTRasterTypeGeoKey as number | undefined,
    });
  } catch (error) {
    throw new MosaicError(`${label}: ${(error as Error).message}`);
  }
  return { label, epsg: code, width: image.getWidth(), height: image.getHeight(), transform, bands: image.getSamplesPerPixel(), nodata: image.getGDALNoData() };
}
