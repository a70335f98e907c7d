#!/usr/bin/env node
/**
 * The bench's upstream, in its own process so its JSON work does not count against the service:
 * each catalog serves ≥ 100 items of the collections the source asks for (real recorded items
 * plus date-shifted clones) after a fixed latency. Prints one JSON line with the URLs. Over IPC,
 * `'last-searches'` answers with the latest /search request each catalog received, so the bench
 * can replay exactly what the service sent. Items are served as stored JSON (each item stringified
 * once, `storedItemJson`), as catalogs serve stored documents: on a small machine the fake's CPU
 * shares the cores with the service it measures. Against stringifying every page, this cut the
 * fake's CPU per federated search from ~60 to ~45 ms.
 */
import { importTs } from '../cache/bench-support.js';

const latencyMs = Number(process.argv[2] ?? 150);
const { startFakeUpstream } = await importTs('test/helpers/fake-upstream/index.ts');
const { realItems, volumeItems } = await importTs('test/helpers/fake-upstream/item-pool.ts');

const WANTED = {
  // One collection: ES's l2a and c1 hold copies of the same scenes, which would leave fewer than 100 distinct ones.
  earthSearch: ['sentinel-2-c1-l2a'],
  planetaryComputer: ['sentinel-2-l2a', 'landsat-c2-l2'],
  landsatLook: ['landsat-c2l2-sr'],
};
const items = {};
for (const [catalog, collections] of Object.entries(WANTED)) {
  const base = realItems(catalog).filter((item) => collections.includes(item.collection)
    && !/LANDSAT_7|landsat-7/i.test(String(item.properties?.platform)));
  items[catalog] = [...base, ...volumeItems(base, base, Math.max(0, 100 - base.length))].slice(0, 100);
}
const fake = await startFakeUpstream({ items, storedItemJson: true });
for (const catalog of Object.keys(WANTED)) fake.faults[catalog].latencyMs = latencyMs;
process.stdout.write(`${JSON.stringify({
  earthSearchUrl: fake.earthSearchUrl, landsatLookUrl: fake.landsatLookUrl, planetaryComputerUrl: fake.planetaryComputerUrl, sasUrl: fake.sasUrl,
  counts: Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v.length])),
})}\n`);
process.on('message', (message) => {
  if (message !== 'last-searches') return;
  const roots = { earthSearch: fake.earthSearchUrl, landsatLook: fake.landsatLookUrl, planetaryComputer: fake.planetaryComputerUrl };
  // The page requests, not the id listings that count the search (their bodies carry `fields`).
  const last = Object.keys(WANTED).map((catalog) => fake.requestsTo(catalog, '/search').filter((request) => !request.body?.fields).at(-1)).filter(Boolean);
  process.send(last.map((request) => ({
    catalog: request.catalog, method: request.method, url: `${roots[request.catalog]}/search?${new URLSearchParams(request.query)}`, body: request.body,
  })));
});
process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));
