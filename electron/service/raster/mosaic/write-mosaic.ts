/**
 * GeoTIFF files on one pixel lattice → one Cloud-Optimized GeoTIFF written by the service's COG
 * writer (float32, NaN nodata, 512 × 512 tiles, overviews, statistics), tile by tile so memory
 * holds one output tile at a time. Where files overlap, the first file with a valid pixel wins
 * (files in the order given). One file is simply rewritten: whatever its layout, the result is a
 * COG like every local result. Pixels are read with geotiff.js on this thread, one window per
 * output tile and file, yielding between tiles.
 */
import { createCogWriter, type BandStatistics, type CogWriter, type OverviewResampling } from '../cog-writer';
import type { GeoTransform } from '../../../../workers/lib/geo/geo-transform';
import { GeoTiffFile } from './geotiff-file';
import { mosaicGrid, overlap } from './mosaic-grid';

export const MOSAIC_TILE_SIZE = 512;

export interface MosaicOptions {
  /** The COG to write (atomically, as the COG writer does). */
  path: string;
  /** Band descriptions (used when their number matches the files' bands; else band_1…). */
  bandNames: readonly string[];
  /** Bands whose overviews take the nearest value (classes, counts) instead of the average. */
  nearestBands?: readonly string[];
  metadata?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** 0..1 as tiles are written. */
  onProgress?: (fraction: number) => void;
}

export interface MosaicResult {
  epsg: number;
  width: number;
  height: number;
  transform: GeoTransform;
  bands: string[];
  statistics: BandStatistics[];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function writeTiles(files: GeoTiffFile[], grid: ReturnType<typeof mosaicGrid>, writer: CogWriter, options: MosaicOptions): Promise<void> {
  const total = writer.tilesAcross * writer.tilesDown;
  let done = 0;
  for (let ty = 0; ty < writer.tilesDown; ty++) {
    for (let tx = 0; tx < writer.tilesAcross; tx++) {
      options.signal?.throwIfAborted();
      const window = { column: tx * MOSAIC_TILE_SIZE, row: ty * MOSAIC_TILE_SIZE, width: 0, height: 0 };
      window.width = Math.min(MOSAIC_TILE_SIZE, grid.width - window.column);
      window.height = Math.min(MOSAIC_TILE_SIZE, grid.height - window.row);
      const planes = Array.from({ length: grid.bands }, () => new Float32Array(window.width * window.height).fill(Number.NaN));
      for (let f = 0; f < files.length; f++) {
        const { width, height } = files[f].grid;
        const part = overlap(window, { ...grid.offsets[f], width, height });
        if (!part) continue;
        const pixels = await files[f].read(part.source, options.signal);
        const partWidth = part.source[2] - part.source[0];
        const partHeight = part.source[3] - part.source[1];
        for (let band = 0; band < grid.bands; band++) {
          const from = pixels[band];
          const into = planes[band];
          for (let y = 0; y < partHeight; y++) {
            const target = (part.into.row + y) * window.width + part.into.column;
            for (let x = 0; x < partWidth; x++) {
              // First valid pixel wins: later files only fill what is still nodata.
              if (Number.isNaN(into[target + x])) into[target + x] = from[y * partWidth + x];
            }
          }
        }
      }
      await writer.writeTile(tx, ty, planes);
      options.onProgress?.(++done / total);
      await yieldToEventLoop();
    }
  }
}

/** Mosaics `paths` (labels name them in errors) into one COG at `options.path`. */
export async function writeMosaicCog(sources: ReadonlyArray<{ path: string; label: string }>, options: MosaicOptions): Promise<MosaicResult> {
  const files: GeoTiffFile[] = [];
  let writer: CogWriter | undefined;
  try {
    for (const source of sources) files.push(await GeoTiffFile.open(source.path, source.label, options.signal));
    const grid = mosaicGrid(files.map((file) => file.grid));
    const bands = options.bandNames.length === grid.bands ? [...options.bandNames] : Array.from({ length: grid.bands }, (_, i) => `band_${i + 1}`);
    const resampling: OverviewResampling[] = bands.map((name) => (options.nearestBands?.includes(name) ? 'nearest' : 'average'));
    writer = await createCogWriter({
      path: options.path, width: grid.width, height: grid.height, bands: grid.bands, dataType: 'float32', nodata: Number.NaN,
      epsg: grid.epsg, geoTransform: grid.transform, tileSize: MOSAIC_TILE_SIZE, overviewResampling: resampling,
      bandDescriptions: bands, metadata: options.metadata, signal: options.signal,
    });
    await writeTiles(files, grid, writer, options);
    const written = await writer.finish();
    return { epsg: grid.epsg, width: grid.width, height: grid.height, transform: grid.transform, bands, statistics: written.statistics };
  } catch (error) {
    await writer?.abort(error);
    throw error;
  } finally {
    await Promise.all(files.map((file) => file.close().catch(() => undefined)));
  }
}
