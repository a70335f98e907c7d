import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEarthSearchSource, EARTH_SEARCH_DEFAULT_COLLECTIONS } from '../../../electron/service/sources/earth-search/earth-search-source';
import type { Json } from '../../helpers/fake-upstream/fixture-files';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { context, duplicates, query, walk } from './adapter-harness';
import { brokenCopies } from './normalize-fixtures';

let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream({ volume: { earthSearch: 40 } });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.resetFaults();
  fake.requests.length = 0;
});

function sentinel2Pool(filter: (item: Json) => boolean = () => true): Json[] {
  return fake.items.earthSearch.filter((item) => EARTH_SEARCH_DEFAULT_COLLECTIONS.includes(String(item.collection)) && filter(item));
}

function searchBodies(): Json[] {
  return fake.requestsTo('earthSearch', '/search').map((request) => request.body as Json);
}

describe('Earth Search adapter paging', () => {
  it('walks every default-collection item exactly once, newest first, with upstream counts', async () => {
    const source = createEarthSearchSource({ url: fake.earthSearchUrl });
    const expected = sentinel2Pool().map((item) => `sentinel-2:${String(item.id)}`);
    expect(expected.length).toBeGreaterThan(50);
    const result = await walk(source, query({ limit: 7 }));
    const ids = result.items.map((item) => item.id);
    expect(duplicates(ids)).toEqual([]);
    expect(new Set(ids)).toEqual(new Set(expected));
    for (const page of result.pages) expect(page.matched).toBe(expected.length);
    const times = result.items.map((item) => Date.parse(item.properties.datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const bodies = searchBodies();
    expect(bodies[0].next).toBeUndefined();
    for (const body of bodies.slice(1)) {
      expect(body).toMatchObject({ collections: EARTH_SEARCH_DEFAULT_COLLECTIONS, limit: 7, sortby: [{ field: 'properties.datetime', direction: 'desc' }] });
      expect(body.next).toEqual(expect.any(String));
    }
  });

  it('sends the cloud filter with the query extension and only gets clearer scenes', async () => {
    const source = createEarthSearchSource({ url: fake.earthSearchUrl });
    const result = await walk(source, query({ limit: 50, cloudCoverLt: 20 }));
    const expected = sentinel2Pool((item) => Number((item.properties as Json)['eo:cloud_cover']) < 20);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sentinel2Pool().length);
    expect(result.items.map((item) => item.id).sort()).toEqual(expected.map((item) => `sentinel-2:${String(item.id)}`).sort());
    expect(searchBodies()[0].query).toEqual({ 'eo:cloud_cover': { lt: 20 } });
  });

  it('caps the upstream page size at 100 however many items are asked for', async () => {
    const source = createEarthSearchSource({ url: fake.earthSearchUrl });
    await source.search(query({ limit: 500 }), null, context());
    expect(searchBodies()[0].limit).toBe(100);
  });

  it('sends bbox, an open-ended datetime interval and the ascending sort the way stac-server reads them', async () => {
    const source = createEarthSearchSource({ url: fake.earthSearchUrl });
    const bbox: [number, number, number, number] = [-106, 39.5, -104.5, 41];
    const page = await source.search(query({ bbox, datetime: { start: '2024-04-01T00:00:00Z', end: null }, sortby: 'datetime', limit: 100 }), null, context());
    expect(searchBodies()[0]).toMatchObject({ bbox, datetime: '2024-04-01T00:00:00.000Z/..', sortby: [{ field: 'properties.datetime', direction: 'asc' }] });
    const expected = sentinel2Pool((item) => Date.parse(String((item.properties as Json).datetime)) >= Date.parse('2024-04-01T00:00:00Z')
      && String((item.properties as Json)['grid:code']) === 'MGRS-13TDE');
    expect(expected.length).toBeGreaterThan(0);
    expect(page.items.map((item) => item.id).sort()).toEqual(expected.map((item) => `sentinel-2:${String(item.id)}`).sort());
  });
});

describe('Earth Search adapter item lookup', () => {
  it('finds an item by upstream id in any collection, and answers null for an unknown id', async () => {
    const source = createEarthSearchSource({ url: fake.earthSearchUrl });
    const real = sentinel2Pool()[0];
    expect((await source.getItem(String(real.id), context()))?.id).toBe(`sentinel-2:${String(real.id)}`);
    expect(await source.getItem('S2A_00XXX_19990101_0_L2A', context())).toBeNull();
  });
});

describe('Earth Search adapter with broken upstream items', () => {
  it('skips and counts them, keeping the good ones', async () => {
    const [real] = sentinel2Pool();
    const broken = brokenCopies(real)
      .map(([, raw]) => raw)
      .filter((raw): raw is Json => typeof raw === 'object' && raw !== null && typeof (raw as Json).id === 'string' && (raw as Json).id !== 'a b' && typeof (raw as Json).properties === 'object')
      .map((raw, i) => ({ ...raw, id: `${String(raw.id)}-broken-${i}` }));
    const local = await startFakeUpstream({ items: { earthSearch: [real] }, extraItems: { earthSearch: broken } });
    try {
      const source = createEarthSearchSource({ url: local.earthSearchUrl });
      const result = await walk(source, query({ limit: 4 }));
      expect(result.items.map((item) => item.id)).toEqual([`sentinel-2:${String(real.id)}`]);
      expect(result.pages.reduce((sum, page) => sum + page.skipped, 0)).toBe(broken.length);
    } finally {
      await local.close();
    }
  });
});
