/**
 * The counting budget under the real federation, with in-memory catalogs: listings stop at the
 * request or time budget, and then `matched` is null with a `count_incomplete` warning saying so.
 */
import { describe, expect, it } from 'vitest';
import type { Bbox } from '../../../electron/service/stac/types';
import { DEFAULT_COUNT_BUDGET, type CountBudget } from '../../../electron/service/search/count-matches';
import { federatedSearch } from '../../../electron/service/search/federate';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import { MemoryAdapter } from './helpers/memory-adapter';
import { makeItem, randomScenes } from './helpers/scenes';

const REGION: Bbox = [0, 0, 10, 10];
const PARAMS = { bbox: '0,0,10,10', limit: '3', sources: 'sentinel-2,planetary-computer' };

function catalogs(options: { delayMs?: number } = {}) {
  return [
    new MemoryAdapter({ id: 'sentinel-2', items: randomScenes('sentinel-2', 30, 1, REGION).map(makeItem), pageSize: 5, ...options }),
    new MemoryAdapter({ id: 'planetary-computer', items: randomScenes('planetary-computer', 30, 2, REGION).map(makeItem), pageSize: 5, counts: false, ...options }),
  ];
}

function search(adapters: MemoryAdapter[], budget: Partial<CountBudget>, timeoutMs = 5000) {
  return federatedSearch(adapters, parseSearchQuery(PARAMS), { timeoutMs, fetch, countBudget: { ...DEFAULT_COUNT_BUDGET, ...budget } });
}

describe('the counting budget', () => {
  it('counts within it: both catalogs listed to the end (6 pages of 5 each)', async () => {
    const adapters = catalogs();
    const result = await search(adapters, { maxRequests: 12 });
    expect(result.context.matched).toBe(60);
    expect(result.warnings).toEqual([]);
    expect(adapters.map((a) => a.listings.length)).toEqual([6, 6]);
  });

  it('lists no stream whose first read already holds all its results', async () => {
    const [, pc] = catalogs();
    const small = new MemoryAdapter({ id: 'sentinel-2', items: randomScenes('sentinel-2', 2, 4, REGION).map(makeItem), pageSize: 5 });
    const result = await search([small, pc], { maxRequests: 12 });
    expect(result.context.matched).toBe(32);
    expect(small.listings).toHaveLength(0);
    expect(pc.listings).toHaveLength(6);
  });

  it('gives up when the listings need more requests than it allows: matched null and a warning', async () => {
    const adapters = catalogs();
    const result = await search(adapters, { maxRequests: 5 });
    expect(result.context.matched).toBeNull();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'count_incomplete' });
    expect(result.warnings[0].message).toMatch(/^matched is unknown: /);
    expect(adapters.reduce((sum, a) => sum + a.listings.length, 0)).toBeLessThanOrEqual(5);
    // The page itself is whole.
    expect(result.features).toHaveLength(3);
    expect(result.nextCursor).not.toBeNull();
  });

  it('stops listings whose catalogs count as soon as the counts show the budget cannot reach their end', async () => {
    // Two counting catalogs of one family (Sentinel-2): their numbers cannot be summed, so both are listed.
    const sentinel2 = (source: 'sentinel-2' | 'landsat', seed: number) => randomScenes(source, 30, seed, REGION).map((spec) => makeItem({ ...spec, collection: 'sentinel-2-l2a' }));
    const counting = [
      new MemoryAdapter({ id: 'sentinel-2', items: sentinel2('sentinel-2', 1), pageSize: 5, collections: ['sentinel-2-l2a'] }),
      new MemoryAdapter({ id: 'landsat', items: sentinel2('landsat', 3), pageSize: 5, collections: ['sentinel-2-l2a'] }),
    ];
    const result = await federatedSearch(counting, parseSearchQuery({ ...PARAMS, sources: 'sentinel-2,landsat' }), {
      timeoutMs: 5000, fetch, countBudget: { ...DEFAULT_COUNT_BUDGET, maxRequests: 8 },
    });
    expect(result.context.matched).toBeNull();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0].message).toMatch(/30 matches in sentinel-2-l2a need \d+ more listing requests; the budget has \d+ left/);
    // Both stopped before their end (6 pages each), without spending the budget to find out.
    expect(counting.reduce((sum, a) => sum + a.listings.length, 0)).toBeLessThan(8);
  });

  it('gives up at its time limit, and the answer does not wait for slow listings', async () => {
    const adapters = catalogs({ delayMs: 60 });
    const result = await search(adapters, { timeMs: 150 });
    expect(result.context.matched).toBeNull();
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/counting took over 150 ms/)]);
    expect(adapters.every((a) => a.listings.length < 6)).toBe(true);
  });

  it('never outlasts the search time limit, whatever its own', async () => {
    const adapters = catalogs({ delayMs: 60 });
    const result = await search(adapters, { timeMs: 60_000 }, 150);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/counting took over 150 ms/)]);
  });
});
