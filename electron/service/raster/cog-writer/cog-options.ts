/**
 * Checks CogWriterOptions and fills in defaults. Bad options are programming errors of the
 * caller (the job engine), so they throw TypeError / RangeError rather than an API error.
 */
import { dirname } from 'node:path';
import { DEFAULT_DEFLATE_LEVEL, encodeTileAsync } from '../../../../workers/lib/cog/encode-tile';
import { SAMPLE_TYPES, type CogDataType, type SampleType } from '../../../../workers/lib/cog/sample-types';
import type { OverviewResampling } from '../../../../workers/lib/cog/downsample-tile';
import { decideBigTiff, worstCaseFileBytes } from '../../../../workers/lib/cog/bigtiff-decision';
import { defaultCrsKind, geoTiffTagValues, type CrsKind, type GeoTiffTagValues } from '../../../../workers/lib/cog/geotiff-keys';
import { formatNoData, gdalMetadataXml } from '../../../../workers/lib/cog/gdal-metadata';
import { pyramidGeometry, type LevelGeometry } from '../../../../workers/lib/cog/pyramid-geometry';
import type { CogWriterOptions, EncodeTileHook } from './types';

export interface ResolvedCogOptions {
  path: string;
  tempDir: string;
  width: number;
  height: number;
  bands: number;
  dataType: CogDataType;
  sampleType: SampleType;
  nodata: number | undefined;
  noDataText: string | undefined;
  /** Value for edge padding and not-yet-filled overview pixels. */
  fill: number;
  tileSize: number;
  levels: LevelGeometry[];
  resampling: OverviewResampling[];
  bigTiff: boolean;
  crsKind: CrsKind;
  geo: GeoTiffTagValues;
  encode: EncodeTileHook;
  compressionLevel: number;
  bandDescriptions: readonly string[] | undefined;
  metadata: Readonly<Record<string, string>> | undefined;
  writeStatistics: boolean;
  signal: AbortSignal | undefined;
}

function positiveInteger(name: string, value: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${name}: ${value} is not an integer in 1..${max}`);
}

function checkNoData(nodata: number | undefined, sampleType: SampleType): void {
  if (nodata === undefined) return;
  if (typeof nodata !== 'number') throw new TypeError('nodata must be a number');
  if (sampleType.isFloat) {
    if (!Number.isNaN(nodata) && Math.fround(nodata) !== nodata) {
      throw new RangeError(`nodata: ${nodata} is not exactly representable as float32`);
    }
  } else if (!Number.isInteger(nodata) || nodata < sampleType.min || nodata > sampleType.max) {
    throw new RangeError(`nodata: ${nodata} is not a ${sampleType.dataType} value`);
  }
}

function resolveResampling(option: CogWriterOptions['overviewResampling'], bands: number): OverviewResampling[] {
  const list = option === undefined ? ['average' as const] : typeof option === 'string' ? [option] : [...option];
  if (list.length === 1) return new Array<OverviewResampling>(bands).fill(list[0]);
  if (list.length !== bands) throw new RangeError(`overviewResampling: ${list.length} entries for ${bands} bands`);
  for (const method of list) if (method !== 'average' && method !== 'nearest') throw new RangeError(`overviewResampling: unknown method ${String(method)}`);
  return list;
}

export function resolveCogOptions(options: CogWriterOptions): ResolvedCogOptions {
  const { width, height, bands } = options;
  positiveInteger('width', width);
  positiveInteger('height', height);
  positiveInteger('bands', bands, 65535);
  positiveInteger('epsg', options.epsg, 65535);
  const tileSize = options.tileSize ?? 512;
  positiveInteger('tileSize', tileSize, 65535);
  if (tileSize % 16 !== 0) throw new RangeError('tileSize: TIFF tiles must be a multiple of 16');
  const dataType = options.dataType ?? 'float32';
  const sampleType = SAMPLE_TYPES[dataType];
  if (!sampleType) throw new RangeError(`dataType: ${String(dataType)} is not supported`);
  checkNoData(options.nodata, sampleType);
  if (options.bandDescriptions && options.bandDescriptions.length > bands) {
    throw new RangeError('bandDescriptions: more names than bands');
  }
  const compressionLevel = options.compressionLevel ?? DEFAULT_DEFLATE_LEVEL;
  if (!Number.isInteger(compressionLevel) || compressionLevel < 0 || compressionLevel > 9) {
    throw new RangeError('compressionLevel: 0..9');
  }

  const crsKind = options.crsKind ?? defaultCrsKind(options.epsg);
  const geo = geoTiffTagValues(options.epsg, crsKind, options.geoTransform);
  const levels = pyramidGeometry(width, height, tileSize);
  // GDAL_METADATA is only known at the end: measure it with zero statistics, plus room for each of
  // the five STATISTICS_* numbers to print at full length (a double needs at most 24 characters).
  const zeroStatistics = { min: 0, max: 0, mean: 0, stdDev: 0, validCount: 1, validFraction: 0 };
  const metadataBytes = bands * 5 * 24 + Buffer.byteLength(gdalMetadataXml({
    metadata: options.metadata, bandDescriptions: options.bandDescriptions, statistics: new Array(bands).fill(zeroStatistics),
  }) ?? '');
  const bigTiff = decideBigTiff(options.bigTiff ?? 'auto', worstCaseFileBytes(levels, bands, sampleType.bytesPerSample, tileSize, metadataBytes));

  return {
    path: options.path,
    tempDir: options.tempDir ?? dirname(options.path),
    width,
    height,
    bands,
    dataType,
    sampleType,
    nodata: options.nodata,
    noDataText: options.nodata === undefined ? undefined : formatNoData(options.nodata),
    fill: options.nodata ?? 0,
    tileSize,
    levels,
    resampling: resolveResampling(options.overviewResampling, bands),
    bigTiff,
    crsKind,
    geo,
    encode: options.encode ?? encodeTileAsync,
    compressionLevel,
    bandDescriptions: options.bandDescriptions,
    metadata: options.metadata,
    writeStatistics: options.writeStatistics ?? true,
    signal: options.signal,
  };
}
