import { importTs } from '/work/main/test/bench/cache/bench-support.js';
import { fromFile } from 'geotiff';
import { deflateSync, constants } from 'node:zlib';
const { predictTile } = await importTs('workers/lib/cog/predictor.ts');
async function ndviTile(redPath, nirPath, win) {
  const red = await (await fromFile(redPath)).getImage(); const nir = await (await fromFile(nirPath)).getImage();
  const [r] = await red.readRasters({ window: win }); const [n] = await nir.readRasters({ window: win });
  const out = new Float32Array(r.length);
  for (let i = 0; i < r.length; i++) out[i] = (r[i] === 0 || n[i] === 0) ? NaN : (n[i] - r[i]) / (n[i] + r[i]);
  return predictTile(out, win[2] - win[0]);
}
const tiles = {
  bench: await ndviTile('/tmp/astra-bench-ndvi/B04.tif', '/tmp/astra-bench-ndvi/B08.tif', [5120, 5120, 5632, 5632]),
  fixture: await ndviTile('/work/shared/fixtures/rasters/sentinel-2-l2a_S2A_29RKH_20200219/B04.tif', '/work/shared/fixtures/rasters/sentinel-2-l2a_S2A_29RKH_20200219/B08.tif', [0, 0, 512, 512]),
};
const variants = [
  ['level 6', { level: 6 }], ['level 1', { level: 1 }], ['level 3', { level: 3 }],
  ['huffman-only', { level: 1, strategy: constants.Z_HUFFMAN_ONLY }], ['rle', { level: 1, strategy: constants.Z_RLE }],
];
for (const [name, tile] of Object.entries(tiles)) {
  for (const [label, opts] of variants) {
    let best = Infinity, bytes = 0;
    for (let k = 0; k < 7; k++) { const s = performance.now(); bytes = deflateSync(tile, opts).length; best = Math.min(best, performance.now() - s); }
    console.log(name, label.padEnd(13), best.toFixed(1).padStart(6), 'ms', (bytes / tile.length * 100).toFixed(1) + '%');
  }
}
