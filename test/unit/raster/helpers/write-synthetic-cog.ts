/** Streams a synthetic raster through the real COG writer, tile by tile. */
import { createCogWriter, type CogWriteResult, type CogWriterOptions } from '../../../../electron/service/raster/cog-writer';
import { tilePlanes, type SyntheticRaster } from './synthetic-raster';

export type TileOrder = 'row-major' | 'shuffled';

export interface WriteSyntheticOptions extends Omit<CogWriterOptions, 'width' | 'height' | 'bands' | 'dataType' | 'nodata'> {
  order?: TileOrder;
  shape?: 'valid' | 'full';
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Deflate dominates the cost of writing noisy float data, so tests write with zlib level 1 unless
 * they ask for another; the writer's default level is exercised by the real-scene NDVI test.
 */
export async function writeSyntheticCog(raster: SyntheticRaster, options: WriteSyntheticOptions): Promise<CogWriteResult> {
  const { order = 'row-major', shape = 'valid', ...writerOptions } = options;
  const writer = await createCogWriter({
    compressionLevel: 1,
    ...writerOptions,
    width: raster.width,
    height: raster.height,
    bands: raster.bands.length,
    dataType: raster.dataType,
    nodata: raster.nodata,
  });
  const tiles: [number, number][] = [];
  for (let ty = 0; ty < writer.tilesDown; ty++) for (let tx = 0; tx < writer.tilesAcross; tx++) tiles.push([tx, ty]);
  for (const [tx, ty] of order === 'shuffled' ? shuffled(tiles, 42) : tiles) {
    await writer.writeTile(tx, ty, tilePlanes(raster, tx, ty, writer.tileSize, shape));
  }
  return writer.finish();
}
