/**
 * The worker's DEFLATE decoder (zlib) against geotiff.js's default (pako): same pixels from a real
 * COG, and the measured time per 512 × 512 tile of each, printed on every run but not asserted (the
 * reason the workers register zlib, see workers/tasks/cog/zlib-deflate-decoder.ts; a loaded shared
 * machine can skew any one timing).
 */
import { readFileSync } from 'node:fs';
import { fromFile, getDecoder } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { decodedBlockBytes, inflateBlock, inflateBlockAsync } from '../../../workers/tasks/cog/zlib-deflate-decoder';
import { RASTER_SCENES } from '../../helpers/fixtures';

const FILE = `${RASTER_SCENES.sentinel2}/B08.tif`;

async function rawTiles(): Promise<Uint8Array[]> {
  const image = await (await fromFile(FILE)).getImage();
  const offsets = (await image.fileDirectory.loadValue('TileOffsets')) as ArrayLike<number>;
  const counts = (await image.fileDirectory.loadValue('TileByteCounts')) as ArrayLike<number>;
  const bytes = readFileSync(FILE);
  return Array.from(offsets, (offset, i) => new Uint8Array(bytes.subarray(Number(offset), Number(offset) + Number(counts[i]))));
}

/** Best-of-5 time per tile of each decoder, printed (a figure for the record; the machine is shared, so not asserted). */
async function printTimings(tiles: Uint8Array[]): Promise<void> {
  // This process never registered the zlib decoder: geotiff.js's own DEFLATE decoder is pako.
  const pakoDecoder = await getDecoder(8, { tileWidth: 512, tileHeight: 512, planarConfiguration: 1, bitsPerSample: [16], predictor: 1 });
  const time = async (fn: (tile: Uint8Array) => unknown) => {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (const tile of tiles) await fn(tile);
      best = Math.min(best, (performance.now() - t) / tiles.length);
    }
    return best;
  };
  const zlib = await time((tile) => inflateBlock(tile, 512 * 512 * 2));
  const pako = await time((tile) => pakoDecoder.decode(tile.slice().buffer));
  console.log(`[processing] DEFLATE 512×512 uint16 tile: zlib ${zlib.toFixed(2)} ms, pako ${pako.toFixed(2)} ms (best of 5 over ${tiles.length} tiles)`);
}

describe('zlib DEFLATE decoder', () => {
  it('decodes the same bytes as geotiff.js (pako), into one right-sized buffer, in this thread or on libuv\'s pool (and prints the timings)', async () => {
    const tiles = await rawTiles();
    const expected = decodedBlockBytes({ tileWidth: 512, tileHeight: 512, planarConfiguration: 1, bitsPerSample: [16] });
    expect(expected).toBe(512 * 512 * 2);
    const decoder = await getDecoder(8, { tileWidth: 512, tileHeight: 512, planarConfiguration: 1, bitsPerSample: [16], predictor: 1 });
    for (const tile of tiles) {
      const ours = inflateBlock(tile, expected);
      const oursAsync = await inflateBlockAsync(tile, expected);
      const theirs = await decoder.decode(tile.slice().buffer);
      for (const decoded of [ours, oursAsync]) {
        expect(decoded.byteLength).toBe(expected + 8);
        expect(Buffer.from(decoded, 0, theirs.byteLength).equals(Buffer.from(theirs as ArrayBuffer))).toBe(true);
      }
    }
    await printTimings(tiles);
  });

  it('rejects a block that is not a DEFLATE stream, in either form', async () => {
    const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 251);
    expect(() => inflateBlock(garbage, 1024)).toThrow(/header|invalid/i);
    await expect(inflateBlockAsync(garbage, 1024)).rejects.toThrow(/header|invalid/i);
  });
});
