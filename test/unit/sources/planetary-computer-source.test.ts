import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlanetaryComputerSource, PLANETARY_COMPUTER_DEFAULT_COLLECTIONS } from '../../../electron/service/sources/planetary-computer/planetary-computer-source';
import type { SortBy } from '../../../electron/service/sources/types';
import type { StacItem } from '../../../electron/service/stac/types';
import type { Json } from '../../helpers/fake-upstream/fixture-files';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { context, duplicates, query, walk } from './adapter-harness';

let fake: FakeUpstream;

beforeAll(async () => {
  // Real PC items (33 of them share one datetime: a tie across pages) plus dated clones.
  fake = await startFakeUpstream({ volume: { planetaryComputer: 40 } });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.resetFaults();
  fake.requests.length = 0;
});

function defaultPool(): Json[] {
  return fake.items.planetaryComputer.filter((item) => PLANETARY_COMPUTER_DEFAULT_COLLECTIONS.includes(String(item.collection)));
}

function expectedIds(): Set<string> {
  return new Set(defaultPool().map((item) => `planetary-computer:${String(item.id)}`));
}

function searchBodies(): Json[] {
  return fake.requestsTo('planetaryComputer', '/search').map((request) => request.body as Json);
}

function inStreamOrder(items: StacItem[], sortby: SortBy): boolean {
  const key = (item: StacItem): number[] => [Number(item.properties['eo:cloud_cover']), Date.parse(item.properties.datetime)];
  return items.every((item, i) => {
    if (i === 0) return true;
    const [a, b] = [key(items[i - 1]), key(item)];
    if (sortby === 'datetime') return a[1] <= b[1];
    if (sortby === 'cloud_cover') return a[0] < b[0] || (a[0] === b[0] && a[1] >= b[1]);
    return a[1] >= b[1];
  });
}

describe('Planetary Computer adapter paging', () => {
  it('follows token links through every item once, and reports no count', async () => {
    const source = createPlanetaryComputerSource({ url: fake.planetaryComputerUrl });
    const result = await walk(source, query({ limit: 10 }));
    const ids = result.items.map((item) => item.id);
    expect(duplicates(ids)).toEqual([]);
    expect(new Set(ids)).toEqual(expectedIds());
    expect(result.pages.every((page) => page.matched === null)).toBe(true);
    expect(inStreamOrder(result.items, '-datetime')).toBe(true);
    expect(searchBodies().slice(1).every((body) => typeof body.token === 'string')).toBe(true);
  });

  it.each<SortBy>(['-datetime', 'datetime', 'cloud_cover'])(
    'falls back to an id keyset when next links go missing (sort %s), still every item once',
    async (sortby) => {
      const source = createPlanetaryComputerSource({ url: fake.planetaryComputerUrl });
      // Token paging works for the first two pages, then the links disappear for good.
      const result = await walk(source, query({ limit: 10, sortby }), (page) => {
        if (page === 2) fake.faults.planetaryComputer.missingNext = true;
      });
      const ids = result.items.map((item) => item.id);
      expect(duplicates(ids)).toEqual([]);
      expect(new Set(ids)).toEqual(expectedIds());
      const bodies = searchBodies();
      const keyset = bodies.filter((body) => JSON.stringify(body.sortby) === JSON.stringify([{ field: 'id', direction: 'asc' }]));
      expect(keyset.length).toBeGreaterThan(1);
      expect(keyset[0].token).toBeUndefined();
      expect(keyset.slice(1).every((body) => typeof (body.query as { id?: { gt?: unknown } }).id?.gt === 'string')).toBe(true);
      // Token order is kept up to the fallback.
      const tokenPages = bodies.length - keyset.length;
      const tokenItems = result.pages.slice(0, tokenPages).flatMap((page) => page.items);
      expect(inStreamOrder(tokenItems, sortby)).toBe(true);
    },
  );

  it('sends the cloud filter and sort with PC field names', async () => {
    const source = createPlanetaryComputerSource({ url: fake.planetaryComputerUrl });
    const page = await source.search(query({ limit: 100, cloudCoverLt: 10, sortby: 'cloud_cover' }), null, context());
    expect(searchBodies()[0]).toMatchObject({
      collections: PLANETARY_COMPUTER_DEFAULT_COLLECTIONS,
      query: { 'eo:cloud_cover': { lt: 10 } },
      sortby: [{ field: 'eo:cloud_cover', direction: 'asc' }, { field: 'datetime', direction: 'desc' }],
    });
    const expected = defaultPool().filter((item) => Number((item.properties as Json)['eo:cloud_cover']) < 10);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.items.map((item) => item.id).sort()).toEqual(expected.map((item) => `planetary-computer:${String(item.id)}`).sort());
    expect(inStreamOrder(page.items, 'cloud_cover')).toBe(true);
  });

  it('serves any PC collection by name', async () => {
    const source = createPlanetaryComputerSource({ url: fake.planetaryComputerUrl });
    const result = await walk(source, query({ limit: 6, collections: ['naip'] }));
    const naip = fake.items.planetaryComputer.filter((item) => item.collection === 'naip');
    expect(result.items.map((item) => item.id).sort()).toEqual(naip.map((item) => `planetary-computer:${String(item.id)}`).sort());
    expect(result.items.every((item) => item.properties['astra:collection'] === 'naip')).toBe(true);
  });
});

describe('Planetary Computer adapter item lookup', () => {
  it('finds an item by id and answers null for an unknown one', async () => {
    const source = createPlanetaryComputerSource({ url: fake.planetaryComputerUrl });
    const [real] = defaultPool();
    expect((await source.getItem(String(real.id), context()))?.id).toBe(`planetary-computer:${String(real.id)}`);
    expect(await source.getItem('S2A_MSIL2A_19990101T000000_R000_T00XXX_19990101T000000', context())).toBeNull();
  });
});
