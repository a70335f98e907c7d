/**
 * `context.matched` through the real service and adapters against the fake catalogs (Planetary
 * Computer: no count, max limit 1000; Earth Search and LandsatLook: counts; all three honour the
 * fields extension): an honest integer that equals what paging returns, each acquisition once,
 * counted on the first page only; null with a warning when the counting budget runs out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federatedSearch, parseSearchQuery } from '../../../electron/service/search';
import { createSources } from '../../../electron/service/sources';
import type { ItemCollection, StacItem } from '../../../electron/service/stac/types';
import type { RecordedRequest } from '../../helpers/fake-upstream';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';

let rig: SearchRig;
// Listing pages of 250 (the service asks 1000 by default) and enough Planetary Computer items
// that its Sentinel-2 listing takes two of them. The fake catalogs share this test's thread and
// the machine's cores, so time limits are generous here.
const LISTING_PAGE = 250;
beforeAll(async () => {
  rig = await startSearchRig({ volume: { planetaryComputer: 700, earthSearch: 150 } }, {
    upstreamTimeoutMs: 30_000, countBudget: { maxRequests: 48, timeMs: 30_000, pageSize: LISTING_PAGE },
  });
});
afterAll(async () => { await rig.close(); });

const WORLD = 'bbox=-180,-90,180,90';
const isListing = (request: RecordedRequest) => typeof (request.body as { fields?: unknown } | undefined)?.fields === 'object';
const listings = () => rig.fake.requests.filter(isListing);

async function page(path: string): Promise<ItemCollection> {
  const response = await rig.svc.api(path.replace(rig.svc.url, ''));
  expect(response.status, path).toBe(200);
  return (await response.json()) as ItemCollection;
}

/** Every page of a search by its next links, with the listing requests each page made. */
async function walk(query: string): Promise<Array<{ body: ItemCollection; listings: number }>> {
  const pages: Array<{ body: ItemCollection; listings: number }> = [];
  let next: string | undefined = `/api/v1/search?${query}`;
  while (next && pages.length < 100) {
    const before = listings().length;
    const body = await page(next);
    pages.push({ body, listings: listings().length - before });
    next = body.links.find((link) => link.rel === 'next')?.href;
  }
  expect(next).toBeUndefined();
  return pages;
}

describe('context.matched', () => {
  it('with Planetary Computer taking part: an integer equal to the scenes paged through, each acquisition once, on every page', async () => {
    const pages = await walk(`${WORLD}&limit=100`);
    const features: StacItem[] = pages.flatMap((p) => p.body.features);
    expect(pages.length).toBeGreaterThan(3);
    expect(new Set(features.map((f) => f.id)).size).toBe(features.length);
    expect(features.some((f) => f.id.startsWith('planetary-computer:'))).toBe(true);
    // Some acquisitions were in two catalogs and are returned (and counted) once.
    expect(features.filter((f) => (f.properties['astra:alternates'] ?? []).length > 0).length).toBeGreaterThan(0);
    expect(pages.map((p) => p.body.context.matched)).toEqual(pages.map(() => features.length));
    expect(pages.every((p) => p.body.warnings.length === 0)).toBe(true);

    // Counted once, on the first page, by listing ids with the fields extension, in big pages.
    const [first, ...later] = pages;
    expect(first.listings).toBeGreaterThanOrEqual(5);
    expect(later.map((p) => p.listings)).toEqual(later.map(() => 0));
    expect(listings().every((request) => (request.body as { limit: number }).limit === LISTING_PAGE)).toBe(true);
    const pcSentinel2 = listings().filter((request) => request.catalog === 'planetaryComputer'
      && JSON.stringify((request.body as { collections: string[] }).collections) === '["sentinel-2-l2a"]');
    expect(pcSentinel2.length).toBeGreaterThanOrEqual(2);
  });

  it('with a counting catalog alone: its own number, no listing', async () => {
    const before = listings().length;
    const body = await page(`/api/v1/search?${WORLD}&limit=1&sources=landsat`);
    const landsatLook = rig.fake.items.landsatLook.filter((item) => /^LC0[89]/.test(String(item.id)));
    expect(body.context.matched).toBe(landsatLook.length);
    expect(listings().length).toBe(before);
  });

  it('a repeated search is counted from the cache, without a listing request', async () => {
    const query = `/api/v1/search?${WORLD}&limit=5&cloud_cover_lt=50`;
    const first = await page(query);
    const before = rig.fake.requests.length;
    const again = await page(query);
    expect(rig.fake.requests.length).toBe(before);
    expect(again.context.matched).toBe(first.context.matched);
    expect(typeof first.context.matched).toBe('number');
  });
});

describe('the counting budget, exhausted', () => {
  it('gives matched null and a count_incomplete warning, and the page is still answered', async () => {
    const adapters = createSources({ earthSearchUrl: rig.fake.earthSearchUrl, landsatLookUrl: rig.fake.landsatLookUrl, planetaryComputerUrl: rig.fake.planetaryComputerUrl });
    const before = listings().length;
    const result = await federatedSearch(adapters, parseSearchQuery({ bbox: '-180,-90,180,90', limit: '5' }), {
      timeoutMs: 5000, fetch, countBudget: { maxRequests: 4, timeMs: 5000, pageSize: 1000 },
    });
    expect(result.context.matched).toBeNull();
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'count_incomplete', message: expect.stringMatching(/^matched is unknown: .*listing requests/) })]);
    expect(listings().length - before).toBeLessThanOrEqual(4);
    expect(result.features).toHaveLength(5);

    // The next page carries the unknown count and its reason; it does not count again.
    const between = listings().length;
    const next = await federatedSearch(adapters, parseSearchQuery({ bbox: '-180,-90,180,90', limit: '5', cursor: result.nextCursor as string }), { timeoutMs: 5000, fetch });
    expect(next.context.matched).toBeNull();
    expect(next.warnings).toEqual(result.warnings);
    expect(listings().length).toBe(between);
  });
});
