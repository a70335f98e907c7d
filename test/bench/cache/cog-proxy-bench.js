/**
 * COG byte proxy through the real service on loopback: p50 of a cached 512×512 tile read (raw
 * bytes, and decoded by geotiff.js), and the upstream bytes a cold viewport read costs compared
 * with the bytes of the tiles it needs.
 */
import { readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { fromFile, fromUrl } from 'geotiff';
import { importTs, ms, time } from './bench-support.js';

async function tileByteRanges(path, window) {
  const tiff = await fromFile(path);
  const image = await tiff.getImage(0);
  const size = image.getTileWidth();
  const across = Math.ceil(image.getWidth() / size);
  const offsets = await image.fileDirectory.loadValue('TileOffsets');
  const counts = await image.fileDirectory.loadValue('TileByteCounts');
  const tiles = [];
  for (let row = Math.floor(window[1] / size); row <= Math.floor((window[3] - 1) / size); row += 1) {
    for (let col = Math.floor(window[0] / size); col <= Math.floor((window[2] - 1) / size); col += 1) {
      const index = row * across + col;
      tiles.push({ start: Number(offsets[index]), end: Number(offsets[index]) + Number(counts[index]) - 1 });
    }
  }
  // GDAL COGs keep every IFD ahead of the first tile of any level: that prefix is the header.
  let header = Infinity;
  for (let i = 0; i < (await tiff.getImageCount()); i += 1) {
    const all = await (await tiff.getImage(i)).fileDirectory.loadValue('TileOffsets');
    header = Math.min(header, ...Array.from(all, Number));
  }
  return { tiles, header };
}

/** GET with Node's own http client on a keep-alive agent (measures the proxy, not a fetch implementation). */
function httpGet(agent, url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

export async function benchCogProxy() {
  const { startEmptyUpstream } = await importTs('test/integration/cache/helpers/cache-rig.ts');
  const { makeCog, S2_B04 } = await importTs('test/integration/cache/helpers/make-cogs.ts');
  const { s2Item, S2_SCENE } = await importTs('test/integration/cache/helpers/test-items.ts');
  const { startTestService } = await importTs('test/helpers/test-service.ts');

  const cogPath = makeCog(S2_B04, 'b04-large', { blockSize: 512, scalePercent: 200 });
  const cog = readFileSync(cogPath);
  const upstream = await startEmptyUpstream();
  upstream.serveFile('/cogs/B04.tif', cog);
  // The renderer reads with the per-launch session key (no per-request key lookup in SQLite).
  const sessionKey = 'astra_sk_live_BenchSessionKeyBenchSessionKey0001';
  const svc = await startTestService({
    upstreamTimeoutMs: 10_000,
    rateLimitPerMinute: 1_000_000,
    sessionKey,
    earthSearchUrl: upstream.earthSearchUrl,
    landsatLookUrl: upstream.landsatLookUrl,
    planetaryComputerUrl: upstream.planetaryComputerUrl,
  });
  svc.service.context.cache.items.upsertMany([s2Item(upstream.url)]);
  const url = `${svc.url}/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets/B04/cog`;
  const headers = { authorization: `Bearer ${sessionKey}` };
  try {
    // Cold viewport read: 1024×768 px at full resolution.
    const viewport = [600, 400, 1624, 1168];
    const { tiles, header } = await tileByteRanges(cogPath, viewport);
    const tileBytes = tiles.reduce((sum, t) => sum + t.end - t.start + 1, 0);
    upstream.resetLog();
    const tiff = await fromUrl(url, { headers });
    await (await tiff.getImage(0)).readRasters({ window: viewport });
    const fetched = upstream.bytesServed('/cogs/B04.tif');

    // Cached 512×512 tile: its bytes over HTTP, and geotiff.js decoding it through the proxy.
    const tile = tiles[0];
    const range = `bytes=${tile.start}-${tile.end}`;
    const agent = new Agent({ keepAlive: true });
    await httpGet(agent, url, { ...headers, range });
    const raw = await time(() => httpGet(agent, url, { ...headers, range }), { runs: 300, warmup: 30 });
    const viaFetch = await time(async () => { await (await fetch(url, { headers: { ...headers, range } })).arrayBuffer(); }, { runs: 300, warmup: 30 });
    const storedKey = await time(() => httpGet(agent, url, { authorization: `Bearer ${svc.key}`, range }), { runs: 300, warmup: 30 });
    const image = await tiff.getImage(0);
    const decoded = await time(() => image.readRasters({ window: [512, 512, 1024, 1024] }), { runs: 100, warmup: 10 });
    agent.destroy();

    console.log('\n== COG byte proxy (loopback, SQLite blocks of 64 KiB) ==');
    console.log(`cached 512×512 tile, bytes     p50 ${ms(raw.p50)}   p95 ${ms(raw.p95)}   CPU ${ms(raw.cpu)}/read, client + server   (${tile.end - tile.start + 1} B, node:http keep-alive, session key; target p50 ≤ 3 ms)`);
    console.log(`  same, with a stored API key  p50 ${ms(storedKey.p50)}   (+ key lookup and last_used_at write per request)`);
    console.log(`  same, with fetch (undici)    p50 ${ms(viaFetch.p50)}`);
    console.log(`cached 512×512 tile, decoded   p50 ${ms(decoded.p50)}   p95 ${ms(decoded.p95)}   (geotiff.js readRasters through the proxy, DEFLATE uint16)`);
    console.log(`viewport 1024×768, cold        upstream ${fetched} B for ${tiles.length} tiles of ${tileBytes} B → ${(fetched / tileBytes).toFixed(3)}× (target ≤ 1.25×)`);
    console.log(`                               of which the first block (64 KiB, holds the ${header} B header): without it ${((fetched - 65536) / tileBytes).toFixed(3)}×; upstream requests ${upstream.fileRequests().length}`);
    console.log(`machine load average           ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  } finally {
    await svc.close();
    await upstream.close();
  }
}
