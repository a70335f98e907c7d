/**
 * The search-page decoder on real worker threads (the BUILT out/main/raster-task.js; `npm run
 * build` first): pages decoded on a pool thread equal pages decoded inline, a cold pool decodes
 * inline while its threads start, a missing worker entry keeps decoding inline, and a federated
 * search through the real service answers the same features whichever way its pages went.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SearchPageDecoderPool } from '../../../electron/service/search/search-page-decoder';
import { decodeSearchPage, viewSearchPage } from '../../../electron/service/sources/http/search-page';
import { itemJson } from '../../../electron/service/stac/item-json';
import { ES_ORIGIN, PC_ORIGIN } from '../../unit/sources/normalize-fixtures';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';
import { STAC_RESPONSES_DIR } from '../../helpers/fixtures';

const FIXTURES = STAC_RESPONSES_DIR;
const ES_PAGE = readFileSync(join(FIXTURES, 'earth-search/earth-search_sentinel-2-l2a+landsat-c2-l2_search_page1.json'));
const PC_PAGE = readFileSync(join(FIXTURES, 'planetary-computer/planetary-computer_sentinel-2-l2a_search.json'));

const fresh = (bytes: Buffer) => new Uint8Array(bytes);
const until = (check: () => boolean) => vi.waitUntil(check, { timeout: 10_000, interval: 20 });

function itemsOf(decoded: ReturnType<typeof decodeSearchPage>, source: 'sentinel-2' | 'planetary-computer') {
  const view = viewSearchPage(decoded, source, 'test');
  return view.normalize(view.features).items.map((item) => itemJson(item));
}

describe('SearchPageDecoderPool', () => {
  let pool: SearchPageDecoderPool;
  beforeAll(() => { pool = new SearchPageDecoderPool({ threads: 2 }); });
  afterAll(async () => { await pool?.close(); });

  it('decodes inline while cold, then on pool threads, with the same result', async () => {
    const inline = decodeSearchPage(fresh(ES_PAGE), 'sentinel-2', ES_ORIGIN);
    const cold = await pool.decode(fresh(ES_PAGE), 'sentinel-2', ES_ORIGIN);
    expect(pool.counters).toEqual({ pooled: 0, inline: 1 });
    await until(() => pool.counters.inline === 1 && pool.warm);
    const bytes = fresh(ES_PAGE);
    const pooled = await pool.decode(bytes, 'sentinel-2', ES_ORIGIN);
    expect(pool.counters.pooled).toBe(1);
    // The body went to the worker thread, not a copy of it.
    expect(bytes.byteLength).toBe(0);
    expect(itemsOf(pooled, 'sentinel-2')).toEqual(itemsOf(inline, 'sentinel-2'));
    expect(itemsOf(cold, 'sentinel-2')).toEqual(itemsOf(inline, 'sentinel-2'));
    expect(itemsOf(inline, 'sentinel-2').length).toBeGreaterThan(0);
  });

  it('decodes three pages at once on its threads', async () => {
    const pages = await Promise.all([PC_PAGE, PC_PAGE, PC_PAGE].map((page) => pool.decode(fresh(page), 'planetary-computer', PC_ORIGIN)));
    const expected = itemsOf(decodeSearchPage(fresh(PC_PAGE), 'planetary-computer', PC_ORIGIN), 'planetary-computer');
    for (const page of pages) expect(itemsOf(page, 'planetary-computer')).toEqual(expected);
    expect(pool.counters.pooled).toBe(4);
  });

  it('reports a bad page as data from the thread, as inline', async () => {
    const bad = await pool.decode(new Uint8Array(Buffer.from('{"features":[')), 'planetary-computer', PC_ORIGIN);
    expect(bad).toMatchObject({ ok: false, malformedJson: true });
  });

  it('keeps decoding inline when the worker entry is missing', async () => {
    const broken = new SearchPageDecoderPool({ threads: 1, filename: join(__dirname, 'no-such-worker.js') });
    try {
      for (let i = 0; i < 3; i += 1) {
        const decoded = await broken.decode(fresh(PC_PAGE), 'planetary-computer', PC_ORIGIN);
        expect(decoded.ok).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(broken.counters).toEqual({ pooled: 0, inline: 3 });
    } finally {
      await broken.close();
    }
  });
});

describe('federated search with the decoder pool', () => {
  let rig: SearchRig;
  beforeAll(async () => { rig = await startSearchRig({}, { cacheTtlMs: 0 }); });
  afterAll(async () => { await rig?.close(); });

  it('answers the same features with pages decoded inline (cold) and on pool threads (warm)', async () => {
    const decoder = rig.svc.service.context.searchPages;
    const search = async () => {
      const response = await rig.svc.api('/api/v1/search?bbox=-180,-90,180,90&limit=50');
      expect(response.status).toBe(200);
      return (await response.json()) as { features: unknown[]; warnings: unknown[] };
    };
    const cold = await search();
    // The first pages arrive before any thread is up; pages that arrive later in the same search
    // (the count's id listings) may already find the pool warm.
    expect(decoder.counters.inline).toBeGreaterThan(0);
    await until(() => decoder.warm);
    const pooledBefore = decoder.counters.pooled;
    const inlineBefore = decoder.counters.inline;
    const warm = await search();
    expect(decoder.counters.pooled).toBeGreaterThan(pooledBefore);
    expect(decoder.counters.inline).toBe(inlineBefore);
    expect(warm.warnings).toEqual([]);
    expect(cold.features.length).toBeGreaterThan(10);
    expect(warm.features).toEqual(cold.features);
  });
});
