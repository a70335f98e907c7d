/**
 * Reads the header of an asset's COG from the asset byte source (the COG byte cache, upstream
 * behind it: works offline from the cache, like the workers' reads) and describes its grid: CRS,
 * size, geotransform (the way GDAL reports it: PixelIsPoint and ModelTransformation handled),
 * nodata, and the overview levels. Only headers are read here; pixels are read in the workers.
 */
import { GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { ownArrayBuffer } from '../../../../workers/lib/owned-buffer';
import { RangedSource } from '../../../../workers/lib/geotiff/ranged-source';
import { normaliseCrs, projDefinition } from '../../../../workers/lib/geo/crs';
import { geoTransformFromGeoTiff, type GeoTransform } from '../../../../workers/lib/geo/geo-transform';
import { AppError, isAppError, unprocessable } from '../../api/errors';
import type { ErrorCode } from '../../api/types';
import type { AssetByteSource, AssetRef } from '../../assets/asset-bytes';

export interface CogLevel {
  /** IFD index in the file. */
  image_index: number;
  width: number;
  height: number;
}

export interface CogProbe {
  crs: string;
  epsg: number;
  width: number;
  height: number;
  transform: GeoTransform;
  nodata: number | null;
  samples: number;
  /** Full resolution first, then overviews (largest first). */
  levels: CogLevel[];
}

/** NewSubfileType bit 2: a transparency mask, not an image level. */
const MASK_SUBFILE = 4;

async function imagesOf(bytes: Pick<AssetByteSource, 'read'>, asset: AssetRef, signal?: AbortSignal): Promise<Array<{ index: number; image: GeoTIFFImage }>> {
  // The workers' exact-range source: the byte source's own error survives (geotiff.js's remote source says only "Error fetching data").
  const source = new RangedSource(async (offset, length, readSignal) => ownArrayBuffer(await bytes.read(asset, offset, length, { signal: readSignal ?? signal, owned: true })));
  const tiff = await GeoTIFF.fromSource(source, {}, signal);
  try {
    const count = await tiff.getImageCount();
    const images: Array<{ index: number; image: GeoTIFFImage }> = [];
    for (let index = 0; index < count; index++) {
      const image = await tiff.getImage(index);
      const subfile = (image.getFileDirectory().getValue('NewSubfileType') as number | undefined) ?? 0;
      if ((subfile & MASK_SUBFILE) === 0) images.push({ index, image });
    }
    return images;
  } finally {
    await tiff.close();
  }
}

function epsgOf(image: GeoTIFFImage): number | null {
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  const code = keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey;
  return typeof code === 'number' && code > 0 && code !== 32767 ? code : null;
}

/** The probe of one asset; `label` ("asset B04 of sentinel-2:…") and `parameter` name it in errors. */
export async function probeCog(bytes: Pick<AssetByteSource, 'read'>, asset: AssetRef, label: string, parameter: string, signal?: AbortSignal): Promise<CogProbe> {
  let images: Array<{ index: number; image: GeoTIFFImage }>;
  try {
    images = await imagesOf(bytes, asset, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const message = `could not read the GeoTIFF header of ${label}: ${error instanceof Error ? error.message : String(error)}`;
    // An unknown asset is the upstream's fault here: the item names it, its file is not there.
    const code = isAppError(error) ? (error.code as ErrorCode) : 'upstream_error';
    throw new AppError(code === 'not_found' ? 'upstream_error' : code, message, { cause: error });
  }
  const base = images[0]?.image;
  if (!base) throw unprocessable(parameter, `${label} holds no image`);
  const epsg = epsgOf(base);
  if (epsg === null) throw unprocessable(parameter, `${label} has no EPSG coordinate reference system`);
  try {
    projDefinition(epsg);
  } catch (error) {
    throw unprocessable(parameter, `${label}: ${(error as Error).message}`);
  }
  const directory = base.getFileDirectory();
  const keys = base.getGeoKeys() as Record<string, unknown> | null;
  const transform = geoTransformFromGeoTiff({
    modelTransformation: directory.getValue('ModelTransformation') as number[] | undefined,
    modelPixelScale: directory.getValue('ModelPixelScale') as number[] | undefined,
    modelTiepoint: directory.getValue('ModelTiepoint') as number[] | undefined,
    rasterType: keys?.GTRasterTypeGeoKey as number | undefined,
  });
  if (transform[2] !== 0 || transform[4] !== 0) throw unprocessable(parameter, `${label} is rotated; only north-up rasters can be processed`);
  const samples = base.getSamplesPerPixel();
  return {
    crs: normaliseCrs(epsg),
    epsg,
    width: base.getWidth(),
    height: base.getHeight(),
    transform,
    nodata: base.getGDALNoData(),
    samples,
    levels: images
      .filter(({ image }) => image.getSamplesPerPixel() === samples)
      .map(({ index, image }) => ({ image_index: index, width: image.getWidth(), height: image.getHeight() })),
  };
}
