/**
 * Decoding only the front rows of a DEFLATE tile (workers/tasks/cog/tile-front-rows.ts) against
 * geotiff.js decoding the whole tile, on COGs GDAL writes: uint16 with and without the horizontal
 * predictor, 3-band pixel-interleaved uint8 with it, float32 (not decodable from the front: the
 * floating-point predictor) — row 0 only, a middle row, the last row but one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImage, type OpenImage } from '../../../workers/tasks/cog/open-cogs';
import { decodeFrontRows, decodesFront } from '../../../workers/tasks/cog/tile-front-rows';
import { PYTHON, run } from '../../helpers/gdal';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-front-rows-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 600 × 520 COG of noisy gradients (256² blocks, so edge tiles are padded), written by GDAL. */
async function cog(name: string, type: 'uint16' | 'uint8' | 'float32', bands: number, predictor: 'NO' | 'YES'): Promise<string> {
  const path = join(dir, `${name}.tif`);
  const script = `
import numpy as np
from osgeo import gdal
rng = np.random.default_rng(7)
h, w, n = 520, 600, ${bands}
kind = {'uint16': gdal.GDT_UInt16, 'uint8': gdal.GDT_Byte, 'float32': gdal.GDT_Float32}['${type}']
mem = gdal.GetDriverByName('MEM').Create('', w, h, n, kind)
for b in range(n):
    y, x = np.mgrid[0:h, 0:w]
    data = (x * 3 + y * 5 + b * 40 + rng.normal(0, 9, (h, w))) % (250 if '${type}' == 'uint8' else 60000)
    mem.GetRasterBand(b + 1).WriteArray(data.astype('${type}'))
gdal.Translate('${path}', mem, format='COG', creationOptions=['COMPRESS=DEFLATE', 'PREDICTOR=${predictor}', 'BLOCKSIZE=256'])
`;
  await run(PYTHON, ['-c', script]);
  return path;
}

async function openImage(path: string): Promise<OpenImage> {
  return loadImage(await fromFile(path), 0);
}

async function expectFrontMatches(open: OpenImage, rows: number): Promise<void> {
  const { image } = open;
  const rowBytes = image.getTileWidth() * image.getBytesPerPixel();
  for (const [x, y] of [[0, 0], [2, 1], [1, 2]]) {
    const whole = new Uint8Array((await image.getTileOrStrip(x, y, 0, open.decoder)).data as ArrayBuffer);
    const front = await decodeFrontRows(open, x, y, 0, rows);
    expect(front, `tile ${x},${y}`).not.toBeNull();
    expect(front!.byteLength).toBe(rows * rowBytes);
    expect(Buffer.from(front!).equals(Buffer.from(whole.subarray(0, rows * rowBytes))), `tile ${x},${y}, ${rows} rows`).toBe(true);
  }
}

describe('front rows of a DEFLATE tile', () => {
  it('equal the whole tile decoded by geotiff.js: uint16 without and with the horizontal predictor', async () => {
    for (const predictor of ['NO', 'YES'] as const) {
      const open = await openImage(await cog(`u16-${predictor}`, 'uint16', 1, predictor));
      expect(open.predictor).toBe(predictor === 'YES' ? 2 : 1);
      expect(decodesFront(open)).toBe(true);
      for (const rows of [1, 131, 255]) await expectFrontMatches(open, rows);
    }
  }, 60_000);

  it('equal it for pixel-interleaved 3-band uint8 with the predictor (stride 3)', async () => {
    const open = await openImage(await cog('u8x3', 'uint8', 3, 'YES'));
    expect(open.image.planarConfiguration).toBe(1);
    expect(decodesFront(open)).toBe(true);
    for (const rows of [1, 77, 254]) await expectFrontMatches(open, rows);
  }, 60_000);

  it('are not attempted with the floating-point predictor', async () => {
    const open = await openImage(await cog('f32', 'float32', 1, 'YES'));
    expect(open.predictor).toBe(3);
    expect(decodesFront(open)).toBe(false);
  }, 60_000);
});
