/**
 * How the writer behaves as a component: the encode hook, concurrent tiles, and every way a
 * write can end (finish, abort, AbortSignal, caller mistakes) — always without leftover files.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCogWriter, type CogWriterOptions, type EncodeTileTask } from '../../../electron/service/raster/cog-writer';
import { encodeTile } from '../../../workers/lib/cog/encode-tile';
import { referenceReport } from './helpers/cog-reference';
import { tilePlanes, type SyntheticRaster } from './helpers/synthetic-raster';

const root = await mkdtemp(join(tmpdir(), 'astra-cog-lifecycle-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let dir: string;
let case_ = 0;
beforeEach(async () => {
  dir = join(root, `case-${case_++}`);
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
});

const raster: SyntheticRaster = { width: 1100, height: 600, bands: ['gradient', 'classes'], dataType: 'float32', nodata: -9999 };

function options(extra: Partial<CogWriterOptions> = {}): CogWriterOptions {
  return {
    path: join(dir, 'out.tif'), width: raster.width, height: raster.height, bands: 2, nodata: -9999,
    epsg: 32633, geoTransform: [399960, 10, 0, 5900040, 0, -10], overviewResampling: ['average', 'nearest'], ...extra,
  };
}

const allTiles = (across: number, down: number) => Array.from({ length: across * down }, (_, i) => [i % across, Math.floor(i / across)] as const);

describe('encode hook', () => {
  it('receives every tile of every level and band once, may run concurrently, and yields a valid COG', async () => {
    const seen: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const encode = async (task: EncodeTileTask) => {
      seen.push(`${task.level}/${task.band}/${task.tx},${task.ty}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Simulate a worker taking the buffer: encode, then detach it.
      const bytes = encodeTile(task);
      structuredClone(task.samples.buffer, { transfer: [task.samples.buffer as ArrayBuffer] });
      inFlight--;
      return bytes;
    };
    const writer = await createCogWriter(options({ encode, compressionLevel: 1 }));
    // 3×2 tiles at full resolution, 2×1 at 550×300, 1 at 275×150; two bands each.
    await Promise.all(allTiles(writer.tilesAcross, writer.tilesDown).map(([tx, ty]) => writer.writeTile(tx, ty, tilePlanes(raster, tx, ty, 512))));
    const result = await writer.finish();

    const expected = [
      ...allTiles(3, 2).flatMap(([x, y]) => [0, 1].map((b) => `0/${b}/${x},${y}`)),
      ...allTiles(2, 1).flatMap(([x, y]) => [0, 1].map((b) => `1/${b}/${x},${y}`)),
      ...[0, 1].map((b) => `2/${b}/0,0`),
    ];
    expect([...seen].sort()).toEqual(expected.sort());
    expect(maxInFlight).toBeGreaterThan(1);
    expect(result.overviews).toEqual([{ width: 550, height: 300 }, { width: 275, height: 150 }]);
    const report = await referenceReport(result.path, raster, ['average', 'nearest']);
    expect(report.validation.errors).toEqual([]);
    expect(report.bands.map((b) => [b.fullResMismatches, ...b.overviews.map((o) => o.numpyMismatches)])).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(await readdir(dir)).toEqual(['out.tif', 'out.tif.raw']);
  });

  it('reads pre-encoded full-size planes in place, leaves them untouched, and writes the same file', async () => {
    // The copying writer's own level-0 blocks are what the in-place writer is handed as pre-encoded.
    const known = new Map<string, Uint8Array>();
    const key = (task: EncodeTileTask) => `${task.band}/${task.tx},${task.ty}`;
    const recording = async (task: EncodeTileTask) => {
      const bytes = encodeTile(task);
      if (task.level === 0) known.set(key(task), bytes);
      return bytes;
    };
    const preEncoded = async (task: EncodeTileTask) => {
      if (task.level > 0) return encodeTile(task);
      const block = known.get(key(task));
      if (!block) throw new Error('a pre-encoded tile reached the encoder');
      return block;
    };
    const copied = await createCogWriter(options({ path: join(dir, 'copied.tif'), compressionLevel: 1, encode: recording }));
    const inPlace = await createCogWriter(options({ path: join(dir, 'in-place.tif'), compressionLevel: 1, encode: preEncoded }));
    for (const [tx, ty] of allTiles(copied.tilesAcross, copied.tilesDown)) {
      const planes = tilePlanes(raster, tx, ty, 512, 'full');
      const before = planes.map((plane) => Buffer.from(plane.slice().buffer));
      await copied.writeTile(tx, ty, planes);
      await inPlace.writeTile(tx, ty, planes, { preEncoded: true });
      expect(planes.every((plane, band) => Buffer.from(plane.buffer).equals(before[band]))).toBe(true);
    }
    const [a, b] = [await copied.finish(), await inPlace.finish()];
    expect(b.statistics).toEqual(a.statistics);
    expect(Buffer.compare(await readFile(a.path), await readFile(b.path))).toBe(0);
  });

  it('fails finish() when the encoder fails, and cleans up', async () => {
    const writer = await createCogWriter(options({ encode: async () => { throw new Error('worker died'); } }));
    await expect(writer.writeTile(0, 0, tilePlanes(raster, 0, 0, 512))).rejects.toThrow('worker died');
    await expect(writer.finish()).rejects.toThrow('worker died');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('ending a write', () => {
  it('abort() removes the spool files and leaves no output', async () => {
    const writer = await createCogWriter(options());
    await writer.writeTile(0, 0, tilePlanes(raster, 0, 0, 512));
    expect((await readdir(dir)).some((name) => name.startsWith('.cog-spool-'))).toBe(true);
    await writer.abort();
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
    await expect(writer.writeTile(1, 0, tilePlanes(raster, 1, 0, 512))).rejects.toThrow(/aborted/);
    await expect(writer.finish()).rejects.toThrow(/aborted/);
  });

  it('an AbortSignal stops the writer with the signal\'s reason', async () => {
    const controller = new AbortController();
    const writer = await createCogWriter(options({ signal: controller.signal }));
    await writer.writeTile(0, 0, tilePlanes(raster, 0, 0, 512));
    controller.abort(new Error('job cancelled'));
    await expect(writer.writeTile(1, 0, tilePlanes(raster, 1, 0, 512))).rejects.toThrow('job cancelled');
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('abort() while finish() runs makes finish() reject and leaves nothing behind', async () => {
    const controller = new AbortController();
    const writer = await createCogWriter(options({ signal: controller.signal, compressionLevel: 1 }));
    for (const [tx, ty] of allTiles(writer.tilesAcross, writer.tilesDown)) await writer.writeTile(tx, ty, tilePlanes(raster, tx, ty, 512));
    const finishing = writer.finish();
    controller.abort(new Error('job cancelled'));
    await expect(finishing).rejects.toThrow('job cancelled');
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('finish() with tiles missing rejects, names the first gap, and cleans up', async () => {
    const writer = await createCogWriter(options());
    await writer.writeTile(0, 0, tilePlanes(raster, 0, 0, 512));
    await expect(writer.finish()).rejects.toThrow('5 tile(s) never written, the first at (1, 0)');
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects a tile written twice, outside the grid, or with the wrong planes', async () => {
    const writer = await createCogWriter(options());
    await writer.writeTile(0, 0, tilePlanes(raster, 0, 0, 512));
    await expect(writer.writeTile(0, 0, tilePlanes(raster, 0, 0, 512))).rejects.toThrow('already written');
    await expect(writer.writeTile(3, 0, tilePlanes(raster, 0, 0, 512))).rejects.toThrow(RangeError);
    await expect(writer.writeTile(1, 0, [new Float32Array(512 * 512)])).rejects.toThrow('1 planes for 2 bands');
    await expect(writer.writeTile(1, 0, [new Float32Array(10), new Float32Array(10)])).rejects.toThrow('expected 512×512 or 512×512');
    await writer.abort();
  });
});

describe('options', () => {
  it.each([
    ['a rotated grid', { geoTransform: [0, 10, 1, 0, 0, -10] as const }, 'rotated'],
    ['a south-up grid', { geoTransform: [0, 10, 0, 0, 0, 10] as const }, 'north-up'],
    ['nodata not representable in float32', { nodata: 0.1 }, 'float32'],
    ['nodata outside uint8', { dataType: 'uint8' as const, nodata: 300 }, 'uint8'],
    ['a tile size that is not a multiple of 16', { tileSize: 500 }, 'multiple of 16'],
    ['resampling for the wrong number of bands', { overviewResampling: ['average', 'nearest', 'nearest'] as const }, '3 entries'],
    ['a raster past 4 GiB with bigTiff never', { width: 40_000, height: 40_000, bigTiff: 'never' as const }, '4 GiB'],
  ])('rejects %s', async (_, extra, message) => {
    await expect(createCogWriter(options(extra))).rejects.toThrow(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('chooses BigTIFF by itself when the worst case can pass 4 GiB', async () => {
    const GiB4 = 2 ** 32;
    // Raw bytes of the full-resolution level alone, and with the overviews (≈ 4/3).
    const cases = [
      { side: 25_000, bands: 1, raw: 25_000 ** 2 * 4 }, // 2.5 GB, 3.3 GB with overviews: classic
      { side: 30_000, bands: 1, raw: 30_000 ** 2 * 4 }, // 3.6 GB, 4.8 GB with overviews: BigTIFF
      { side: 40_000, bands: 2, raw: 40_000 ** 2 * 8 }, // 12.8 GB: BigTIFF
    ];
    for (const { side, bands, raw } of cases) {
      const writer = await createCogWriter(options({ width: side, height: side, bands, overviewResampling: 'average' }));
      expect(writer.bigTiff).toBe((raw * 4) / 3 > GiB4);
      await writer.abort();
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
