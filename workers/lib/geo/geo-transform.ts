/**
 * Affine pixel ↔ map transforms in GDAL order: [originX, pixelWidth, rowRotation, originY,
 * columnRotation, pixelHeight] (pixelHeight negative for north-up). Pixel (col, row) covers
 * [col, col+1) × [row, row+1); its centre is (col + 0.5, row + 0.5). The STAC `proj:transform`
 * order [a, b, c, d, e, f] = [pixelWidth, rowRotation, originX, columnRotation, pixelHeight, originY]
 * converts with `fromStacTransform`.
 */
export type GeoTransform = readonly [number, number, number, number, number, number];

export function fromStacTransform(t: readonly number[]): GeoTransform {
  return [t[2], t[0], t[1], t[5], t[3], t[4]];
}

/** The GeoTIFF tags that place a raster, as geotiff.js `fileDirectory.getValue(...)` returns them. */
export interface GeoTiffGeoreferencing {
  readonly modelTransformation?: ArrayLike<number> | null;
  readonly modelPixelScale?: ArrayLike<number> | null;
  readonly modelTiepoint?: ArrayLike<number> | null;
  /** GTRasterTypeGeoKey: 1 = PixelIsArea (default), 2 = PixelIsPoint. */
  readonly rasterType?: number | null;
}

/**
 * The geotransform GDAL reports for a GeoTIFF. Prefer this to geotiff.js `getOrigin()` /
 * `getResolution()`, which differ from GDAL on two kinds of real files (both in our fixtures):
 * NOTE: PixelIsPoint rasters (Landsat C2) — GDAL moves the origin half a pixel to the corner,
 * geotiff.js does not; and ModelTransformation rasters — geotiff.js flips the sign of the y
 * resolution (https://github.com/geotiffjs/geotiff.js/pull/337).
 */
export function geoTransformFromGeoTiff(tags: GeoTiffGeoreferencing): GeoTransform {
  let t: [number, number, number, number, number, number];
  const m = tags.modelTransformation;
  const scale = tags.modelPixelScale;
  const tie = tags.modelTiepoint;
  if (m && m.length >= 8) {
    t = [m[3], m[0], m[1], m[7], m[4], m[5]];
  } else if (scale && tie && tie.length >= 6) {
    t = [tie[3] - tie[0] * scale[0], scale[0], 0, tie[4] + tie[1] * scale[1], 0, -scale[1]];
  } else {
    throw new Error('GeoTIFF has neither ModelTransformation nor ModelPixelScale + ModelTiepoint');
  }
  if (tags.rasterType === 2) {
    t[0] -= 0.5 * (t[1] + t[2]);
    t[3] -= 0.5 * (t[4] + t[5]);
  }
  return t;
}

export function pixelToMap(t: GeoTransform, col: number, row: number, out: Float64Array): void {
  out[0] = t[0] + col * t[1] + row * t[2];
  out[1] = t[3] + col * t[4] + row * t[5];
}

export function invertGeoTransform(t: GeoTransform): GeoTransform {
  const det = t[1] * t[5] - t[2] * t[4];
  if (det === 0 || !Number.isFinite(det)) throw new Error('geotransform is not invertible');
  const a = t[5] / det;
  const b = -t[2] / det;
  const d = -t[4] / det;
  const e = t[1] / det;
  return [-(a * t[0] + b * t[3]), a, b, -(d * t[0] + e * t[3]), d, e];
}

/** No rotation terms: columns run along map x, rows along map y. */
export function isNorthUp(t: GeoTransform): boolean {
  return t[2] === 0 && t[4] === 0;
}
