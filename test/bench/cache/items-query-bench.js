/**
 * Items cache: 200,000 cached items, then the hot offline-search query (bbox + datetime + cloud
 * cover, newest first, 100 results) at random places; prints p50/p95 and the EXPLAIN QUERY PLAN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs, ms, time } from './bench-support.js';

export async function benchItemsQuery({ count = 200_000 } = {}) {
  const { openDatabase } = await importTs('electron/service/db/open-database.ts');
  const { ItemCache } = await importTs('electron/service/cache/item-cache.ts');
  const { randomItems, seededRandom } = await importTs('test/integration/cache/helpers/random-items.ts');

  const dir = mkdtempSync(join(tmpdir(), 'astra-bench-items-'));
  const db = openDatabase(join(dir, 'astra.sqlite'));
  // As createCacheServices sets them on the service's connection.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  try {
    const cache = new ItemCache(db);
    const items = randomItems(count, 42);
    const ingestStart = performance.now();
    for (let i = 0; i < items.length; i += 5000) cache.upsertMany(items.slice(i, i + 5000));
    const ingestMs = performance.now() - ingestStart;
    db.exec('ANALYZE');

    const random = seededRandom(9);
    const queries = Array.from({ length: 400 }, () => {
      const west = -180 + random() * 300;
      const south = -70 + random() * 110;
      const year = 2018 + Math.floor(random() * 6);
      return {
        bbox: [west, south, west + 40, south + 30],
        datetime: { start: `${year}-01-01T00:00:00Z`, end: `${year}-12-31T23:59:59Z` },
        cloudCoverLt: 40,
        limit: 100,
        sortby: '-datetime',
      };
    });
    let returned = 0;
    const stats = await time((i) => { returned += cache.query(queries[i % queries.length]).items.length; }, { runs: 400, warmup: 40 });

    console.log(`\n== items cache: ${count.toLocaleString('en')} items ==`);
    console.log(`ingest                     ${(ingestMs / 1000).toFixed(1)} s (${Math.round(count / (ingestMs / 1000)).toLocaleString('en')} items/s)`);
    console.log(`bbox+datetime+cloud → 100  p50 ${ms(stats.p50)}   p95 ${ms(stats.p95)}   CPU ${ms(stats.cpu)}/query   (target p50 ≤ 5 ms; mean rows returned ${(returned / 440).toFixed(1)})`);
    console.log(`                           (items of ${Math.round(JSON.stringify(items[0]).length / 100) / 10} KB JSON; real items are 10–20 KB and parsing the 100 returned dominates then)`);
    console.log(`machine load average       ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
    console.log('EXPLAIN QUERY PLAN:');
    for (const line of cache.explain(queries[0])) console.log(`  ${line}`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
