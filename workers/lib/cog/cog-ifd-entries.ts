/**
 * The TIFF tags of one pyramid level. Bands are stored as separate planes
 * (PlanarConfiguration=2): each band's tiles are encoded on their own, reading one band fetches
 * only its bytes, and a class band never shares a compressed block with a data band. GDAL reports
 * this as INTERLEAVE=BAND; geotiff.js and the COG validator read it as well as pixel interleaving.
 */
import { SAMPLE_TYPES, type CogDataType } from './sample-types';
import type { LevelGeometry } from './pyramid-geometry';
import { TIFF_TYPE, type TiffEntry } from './tiff-ifd';
import type { GeoTiffTagValues } from './geotiff-keys';

const COMPRESSION_ADOBE_DEFLATE = 8;
const PHOTOMETRIC_MIN_IS_BLACK = 1;
const SUBFILE_REDUCED_RESOLUTION = 1;

export interface LevelEntriesInput {
  geometry: LevelGeometry;
  bands: number;
  dataType: CogDataType;
  tileSize: number;
  bigTiff: boolean;
  /** One per tile, band-major then row-major (TIFF tile index order). */
  tileOffsets: ArrayLike<number>;
  tileByteCounts: ArrayLike<number>;
  /** GDAL_NODATA text, on every level as GDAL does. */
  noDataText?: string;
  /** Only on the full-resolution level. */
  geo?: GeoTiffTagValues;
  gdalMetadata?: string;
}

function sizeEntry(tag: number, value: number): TiffEntry {
  return { tag, type: value <= 0xffff ? TIFF_TYPE.SHORT : TIFF_TYPE.LONG, values: [value] };
}

export function levelEntries(input: LevelEntriesInput): TiffEntry[] {
  const { geometry, bands, tileSize } = input;
  const sampleType = SAMPLE_TYPES[input.dataType];
  const perBand = (value: number) => new Array<number>(bands).fill(value);
  const entries: TiffEntry[] = [
    sizeEntry(256, geometry.width),
    sizeEntry(257, geometry.height),
    { tag: 258, type: TIFF_TYPE.SHORT, values: perBand(sampleType.bytesPerSample * 8) },
    { tag: 259, type: TIFF_TYPE.SHORT, values: [COMPRESSION_ADOBE_DEFLATE] },
    { tag: 262, type: TIFF_TYPE.SHORT, values: [PHOTOMETRIC_MIN_IS_BLACK] },
    { tag: 277, type: TIFF_TYPE.SHORT, values: [bands] },
    { tag: 284, type: TIFF_TYPE.SHORT, values: [bands > 1 ? 2 : 1] },
    { tag: 317, type: TIFF_TYPE.SHORT, values: [sampleType.predictor] },
    { tag: 322, type: TIFF_TYPE.SHORT, values: [tileSize] },
    { tag: 323, type: TIFF_TYPE.SHORT, values: [tileSize] },
    { tag: 324, type: input.bigTiff ? TIFF_TYPE.LONG8 : TIFF_TYPE.LONG, values: input.tileOffsets },
    { tag: 325, type: TIFF_TYPE.LONG, values: input.tileByteCounts },
    { tag: 339, type: TIFF_TYPE.SHORT, values: perBand(sampleType.sampleFormat) },
  ];
  if (geometry.level > 0) entries.push({ tag: 254, type: TIFF_TYPE.LONG, values: [SUBFILE_REDUCED_RESOLUTION] });
  // MinIsBlack describes one sample; the others are "unspecified" extra samples (value 0).
  if (bands > 1) entries.push({ tag: 338, type: TIFF_TYPE.SHORT, values: perBand(0).slice(1) });
  if (input.geo) {
    entries.push(
      { tag: 33550, type: TIFF_TYPE.DOUBLE, values: input.geo.modelPixelScale },
      { tag: 33922, type: TIFF_TYPE.DOUBLE, values: input.geo.modelTiepoint },
      { tag: 34735, type: TIFF_TYPE.SHORT, values: input.geo.geoKeyDirectory },
    );
  }
  if (input.gdalMetadata) entries.push({ tag: 42112, type: TIFF_TYPE.ASCII, values: input.gdalMetadata });
  if (input.noDataText !== undefined) entries.push({ tag: 42113, type: TIFF_TYPE.ASCII, values: input.noDataText });
  return entries;
}
