/**
 * Public types of the streaming Cloud-Optimized GeoTIFF writer (see create-cog-writer.ts).
 */
import type { BandStatistics, BigTiffMode } from '../../../../workers/lib/cog/cog-types';
import type { CogDataType, CogSamples } from '../../../../workers/lib/cog/sample-types';
import type { EncodeTileTask } from '../../../../workers/lib/cog/encode-tile';
import type { OverviewResampling } from '../../../../workers/lib/cog/downsample-tile';
import type { GeoTransform } from '../../../../workers/lib/geo/geo-transform';

export type { BandStatistics, BigTiffMode, CogDataType, CogSamples, EncodeTileTask, GeoTransform, OverviewResampling };

/** Encodes one band of one tile (predictor + deflate). May transfer `task.samples.buffer`. */
export type EncodeTileHook = (task: EncodeTileTask) => Promise<Uint8Array>;

export interface CogWriterOptions {
  /** Final file. Written atomically: a temporary name in the same folder, renamed at finish(). */
  path: string;
  width: number;
  height: number;
  bands: number;
  /** Default 'float32'. */
  dataType?: CogDataType;
  /** Stored as GDAL_NODATA; also the fill for edge padding and the value ignored by 'average'. NaN allowed for float32. */
  nodata?: number;
  epsg: number;
  /** Default: 'geographic' for common geographic 2D CRSs (4326, 4258, 4269, …), otherwise 'projected'. */
  crsKind?: 'projected' | 'geographic';
  geoTransform: GeoTransform;
  /** Default 512. Must be a multiple of 16 (TIFF rule) — and even, for overviews. */
  tileSize?: number;
  /** One per band, or one for all. Default 'average'. Use 'nearest' for class / mask bands. */
  overviewResampling?: OverviewResampling | readonly OverviewResampling[];
  /** Default 'auto': BigTIFF when the worst-case file size can pass 4 GiB. */
  bigTiff?: BigTiffMode;
  /** zlib level for the default encoder (ignored by a custom `encode`). Default 6. */
  compressionLevel?: number;
  /** Runs predictor + deflate elsewhere (e.g. Piscina). Default: in-process, deflate on libuv's pool. */
  encode?: EncodeTileHook;
  /** Band names written to GDAL_METADATA (gdalinfo "description"). */
  bandDescriptions?: readonly string[];
  /** Dataset-level GDAL metadata items. */
  metadata?: Readonly<Record<string, string>>;
  /** Write STATISTICS_* items per band (computed while tiles stream in). Default true. */
  writeStatistics?: boolean;
  /** Where the per-level spool files go. Default: the folder of `path` (same disk, cheap copy). */
  tempDir?: string;
  /** Aborting makes pending and later calls reject with the signal's reason and removes temp files. */
  signal?: AbortSignal;
}

export interface CogWriteResult {
  path: string;
  bytes: number;
  width: number;
  height: number;
  bigTiff: boolean;
  /** Overview sizes, largest first (GDAL's overview order). */
  overviews: { width: number; height: number }[];
  statistics: BandStatistics[];
}

export interface CogWriter {
  /**
   * Adds one full-resolution tile: one array per band, either tileSize × tileSize or exactly the
   * part inside the raster (edge tiles), row-major. Any order; each tile exactly once.
   * Resolves once the tile (and any overview tiles it completed) are encoded and spooled to disk.
   * The arrays are copied; the caller may reuse them as soon as this returns.
   * `preEncoded`: the caller's encode hook answers this tile's full-resolution blocks without
   * reading the samples (it already has them encoded). Full-size planes of the output type are
   * then read in place rather than copied — statistics and overviews take what they need before
   * this returns — so the caller may still reuse them as soon as this returns.
   */
  writeTile(tx: number, ty: number, planes: readonly CogSamples[], options?: { preEncoded?: boolean }): Promise<void>;
  /** Writes the COG. Rejects if any tile is missing. */
  finish(): Promise<CogWriteResult>;
  /**
   * Stops and removes every temporary file (and, during finish(), the partial output; finish()
   * then rejects with `reason`). Safe at any time, more than once; a no-op once finish() resolved.
   */
  abort(reason?: unknown): Promise<void>;
  readonly tilesAcross: number;
  readonly tilesDown: number;
  readonly tileSize: number;
  /** Decided at creation (see `bigTiff` option). */
  readonly bigTiff: boolean;
}
