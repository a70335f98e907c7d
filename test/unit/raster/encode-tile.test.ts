/**
 * The tile encoder against libtiff: libtiff (through GDAL) writes the same tile with the same
 * predictor; inflating its block must give exactly the bytes our predictor produces. The deflate
 * streams themselves may differ (GDAL may be built with libdeflate), so they are compared inflated.
 */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTile, encodeTileAsync } from '../../../workers/lib/cog/encode-tile';
import { predictTile } from '../../../workers/lib/cog/predictor';
import { deflatePredicted, encodeTileBytes } from '../../../workers/lib/cog/deflate-tile';
import type { CogDataType, CogSamples } from '../../../workers/lib/cog/sample-types';
import { runPythonHelper } from './helpers/gdal-tools';
import { tilePlanes } from './helpers/synthetic-raster';

const TILE = 512;
const CASES = [
  { dataType: 'float32', predictor: 3, nodata: -9999 },
  { dataType: 'int16', predictor: 2, nodata: -32768 },
  { dataType: 'uint16', predictor: 2, nodata: 0 },
  { dataType: 'uint8', predictor: 2, nodata: 255 },
] as const satisfies readonly { dataType: CogDataType; predictor: 2 | 3; nodata: number }[];

// Tile (0, 0) of the synthetic raster crosses the nodata rectangle and the diagonal.
const tiles = new Map(CASES.map((c) => [c.dataType, tilePlanes({ width: 1300, height: 900, bands: ['gradient'], dataType: c.dataType, nodata: c.nodata }, 0, 0, TILE, 'full')[0]]));
const bytesOf = (a: CogSamples) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

let dir: string;
/** Predicted bytes of each tile as libtiff made them (its DEFLATE block, inflated). */
const libtiff = new Map<CogDataType, Buffer>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'astra-encode-tile-'));
  const specs = await Promise.all(CASES.map(async ({ dataType, predictor }) => {
    const raw = join(dir, `${dataType}.raw`);
    await writeFile(raw, bytesOf(tiles.get(dataType)!));
    return { raw, tif: join(dir, `${dataType}.tif`), dataType, predictor };
  }));
  const blocks = await runPythonHelper<{ offset: number; size: number }[]>('libtiff_tile.py', [
    String(TILE), ...specs.map((s) => `${s.raw}:${s.dataType}:${s.predictor}:${s.tif}`),
  ]);
  for (const [i, spec] of specs.entries()) {
    const file = await open(spec.tif, 'r');
    const block = Buffer.alloc(blocks[i].size);
    await file.read(block, 0, block.length, blocks[i].offset);
    await file.close();
    libtiff.set(spec.dataType, inflateSync(block));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(CASES)('$dataType tiles (predictor $predictor)', ({ dataType }) => {
  it('predicts exactly as libtiff does', () => {
    const ours = Buffer.from(predictTile(tiles.get(dataType)!, TILE));
    const theirs = libtiff.get(dataType)!;
    expect(ours.length).toBe(theirs.length);
    expect(Buffer.compare(ours, theirs)).toBe(0);
  });

  it('deflates the predicted bytes, leaves the input untouched, and compresses', async () => {
    const samples = tiles.get(dataType)!;
    const before = Buffer.from(bytesOf(samples));
    const sync = encodeTile({ samples, width: TILE });
    const async = await encodeTileAsync({ samples, width: TILE });
    expect(Buffer.compare(Buffer.from(sync), Buffer.from(async))).toBe(0);
    expect(Buffer.compare(inflateSync(sync), libtiff.get(dataType)!)).toBe(0);
    expect(Buffer.compare(bytesOf(samples), before)).toBe(0);
    expect(sync.length).toBeLessThan(samples.byteLength);
  });
});

it('returns bytes that own their whole ArrayBuffer, so a worker can transfer them', async () => {
  // A tiny tile deflates to a few bytes, which zlib may place in a shared pool slab.
  const samples = new Float32Array(16 * 16).fill(1);
  for (const bytes of [encodeTile({ samples, width: 16 }), await encodeTileAsync({ samples, width: 16 })]) {
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    expect(inflateSync(bytes).length).toBe(samples.byteLength);
  }
});

it('rejects a width that does not divide the tile', () => {
  expect(() => encodeTile({ samples: new Float32Array(100), width: 30 })).toThrow(RangeError);
});

it('deflating predicted bytes on the thread pool gives the worker encoder\'s exact bytes', async () => {
  for (const { dataType } of CASES) {
    const samples = tiles.get(dataType)!;
    const task = { samples, width: TILE, dataType, compressionLevel: 6, level: 0, tx: 0, ty: 0, band: 0 };
    for (const strategy of ['rle', 'default'] as const) {
      const inWorker = encodeTileBytes(task, strategy);
      const split = await deflatePredicted(predictTile(samples, TILE), 6, strategy);
      expect(Buffer.compare(Buffer.from(split), Buffer.from(inWorker))).toBe(0);
    }
  }
});
