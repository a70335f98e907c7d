/**
 * Streaming means bounded memory: writing an 8192×4096 float32 raster (128 MiB raw) keeps only
 * the tiles in flight and one row of partial overview tiles per level alive. Memory depends on the
 * width (one row of tiles), not on the height, so a wide raster is the demanding case.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import { createCogWriter } from '../../../electron/service/raster/cog-writer';
import { gdalinfo, validateCog } from './helpers/gdal-tools';

// Expose V8's gc() so that each sample measures live memory, not garbage awaiting collection.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const dir = await mkdtemp(join(tmpdir(), 'astra-cog-memory-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Heap plus ArrayBuffer memory after full collections (buffers are released by a later sweep). */
async function liveBytes(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

it('writes 8192×4096 float32 holding neither the raster nor the finished overviews', async () => {
  const width = 8192;
  const height = 4096;
  const path = join(dir, 'large.tif');
  const before = await liveBytes();
  const writer = await createCogWriter({
    path, width, height, bands: 1, nodata: -9999, epsg: 32633,
    geoTransform: [399960, 10, 0, 5900040, 0, -10], compressionLevel: 1,
  });
  const plane = new Float32Array(512 * 512);
  let peak = 0;
  for (let ty = 0; ty < writer.tilesDown; ty++) {
    for (let tx = 0; tx < writer.tilesAcross; tx++) {
      // A smooth surface, cheap to make and to compress; the writer copies the plane.
      for (let y = 0; y < 512; y++) plane.fill(tx * 100 + ty + y / 512, y * 512, y * 512 + 512);
      await writer.writeTile(tx, ty, [plane]);
    }
    peak = Math.max(peak, (await liveBytes()) - before);
  }
  const result = await writer.finish();

  const tileBytes = 512 * 512 * 4;
  // Expected: one row of partial overview tiles (8 + 4 + 2 + 1 tiles) plus the tile in flight,
  // ≈ 16 MiB. Holding the finished overviews would take 32 + 8 + 2 + 1 tiles; the raster, 128.
  expect(peak).toBeLessThan(32 * tileBytes);
  expect(result.overviews.map((o) => [o.width, o.height])).toEqual([[4096, 2048], [2048, 1024], [1024, 512], [512, 256]]);
  expect((await stat(path)).size).toBe(result.bytes);
  expect((await gdalinfo(path)).size).toEqual([width, height]);
  expect((await validateCog(path)).errors).toEqual([]);
});
