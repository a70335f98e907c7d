/**
 * The encoded blocks a processing job writes and journals: Z_RLE deflate after the floating-point
 * predictor decodes to exactly the same bytes as the lib's default encoder (only the deflate
 * strategy differs), and the journal's decoder undoes the predictor bit for bit — NaN payloads,
 * −0, infinities and subnormals included. Also prints what Z_RLE saves on real NDVI tiles.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeTile } from '../../../workers/lib/cog/encode-tile';
import { applyFloatingPointPredictor } from '../../../workers/lib/cog/predictor';
import { undoFloatingPointPredictor } from '../../../workers/tasks/tiles/float-predictor-decode';
import { decodeCogTileTask } from '../../../workers/tasks/tiles/decode-tile-task';
import { encodeTileBytes } from '../../../workers/lib/cog/deflate-tile';
import { readBand } from '../workers/helpers/read-geotiff';
import { RASTER_SCENES } from '../../helpers/fixtures';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function awkwardFloats(length: number, seed: number): Float32Array {
  const random = seeded(seed);
  const out = new Float32Array(length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.05) bits[i] = 0x7fc00000 + Math.floor(random() * 1000); // NaN with a payload
    else if (r < 0.07) out[i] = -0;
    else if (r < 0.08) out[i] = random() < 0.5 ? Infinity : -Infinity;
    else if (r < 0.09) bits[i] = Math.floor(random() * 0x007fffff); // subnormal
    else out[i] = (random() - 0.3) * 2;
  }
  return out;
}

describe('undoFloatingPointPredictor', () => {
  for (const width of [1, 7, 512]) {
    it(`restores every bit of a ${width}-wide tile`, () => {
      const original = awkwardFloats(width * 33, width);
      const restored = undoFloatingPointPredictor(applyFloatingPointPredictor(original, width), width);
      expect(Buffer.from(restored.buffer).equals(Buffer.from(original.buffer))).toBe(true);
    });
  }

  it('rejects bytes that are not whole rows', () => {
    expect(() => undoFloatingPointPredictor(new Uint8Array(10), 2)).toThrow(/whole rows/);
  });
});

describe('encodeTileBytes (Z_RLE) and decode-cog-tile', () => {
  const tile = { width: 512, dataType: 'float32' as const, compressionLevel: 6, level: 0, tx: 0, ty: 0, band: 0 };

  it('holds the same predicted bytes as the lib encoder, and decodes back bit for bit', () => {
    const samples = awkwardFloats(512 * 512, 42);
    const rle = encodeTileBytes({ ...tile, samples: samples.slice() });
    const standard = encodeTile({ ...tile, samples: samples.slice() });
    expect(Buffer.from(inflateSync(rle)).equals(Buffer.from(inflateSync(standard)))).toBe(true);
    expect(rle.byteLength).toBe(rle.length);
    const decoded = decodeCogTileTask({ kind: 'decode-cog-tile', blocks: [rle], width: 512 }).value[0];
    expect(Buffer.from(decoded.buffer).equals(Buffer.from(samples.buffer))).toBe(true);
  });

  it('returns a buffer no larger than twice its bytes (a small block is copied out of zlib\'s big one)', () => {
    const samples = new Float32Array(512 * 512).fill(Number.NaN);
    const bytes = encodeTileBytes({ ...tile, samples });
    expect(bytes.length).toBeLessThan(10_000);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('compresses a real NDVI tile as well as the default strategy, faster (prints the numbers)', async () => {
    const dir = RASTER_SCENES.sentinel2;
    const [red, nir] = await Promise.all([readBand(`${dir}/B04.tif`), readBand(`${dir}/B08.tif`)]);
    const ndvi = new Float32Array(512 * 512);
    for (let r = 0; r < 512; r++) {
      for (let c = 0; c < 512; c++) {
        const i = (r + 300) * 1098 + c + 300;
        ndvi[r * 512 + c] = (nir.data[i] - red.data[i]) / (nir.data[i] + red.data[i]);
      }
    }
    const time = (fn: () => Uint8Array) => {
      let best = Infinity;
      let size = 0;
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        size = fn().length;
        best = Math.min(best, performance.now() - t);
      }
      return { ms: best, size };
    };
    const rle = time(() => encodeTileBytes({ ...tile, samples: ndvi }));
    const standard = time(() => encodeTile({ ...tile, samples: ndvi }));
    console.log(`[processing] NDVI tile: Z_RLE ${rle.ms.toFixed(1)} ms ${((100 * rle.size) / (512 * 512 * 4)).toFixed(1)} % of raw; default level 6 ${standard.ms.toFixed(1)} ms ${((100 * standard.size) / (512 * 512 * 4)).toFixed(1)} %`);
    expect(rle.size).toBeLessThanOrEqual(standard.size * 1.02);
  });
});
