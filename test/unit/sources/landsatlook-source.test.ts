import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLandsatLookSource } from '../../../electron/service/sources/landsatlook/landsatlook-source';
import type { Json } from '../../helpers/fake-upstream/fixture-files';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { context, duplicates, query, walk } from './adapter-harness';

let fake: FakeUpstream;

beforeAll(async () => {
  // The two real LandsatLook items (Landsat 8 and 7) plus clones of both.
  fake = await startFakeUpstream({ volume: { landsatLook: 24 } });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.resetFaults();
  fake.requests.length = 0;
});

function platformOf(item: Json): string {
  return String((item.properties as Json).platform);
}

function landsat89(): Json[] {
  return fake.items.landsatLook.filter((item) => ['LANDSAT_8', 'LANDSAT_9'].includes(platformOf(item)));
}

function searchBodies(): Json[] {
  return fake.requestsTo('landsatLook', '/search').map((request) => request.body as Json);
}

describe('LandsatLook adapter paging', () => {
  it('walks the Landsat 8/9 items by page number, once each, with the upstream count', async () => {
    const expected = landsat89().map((item) => `landsat:${String(item.id)}`);
    expect(expected.length).toBeGreaterThan(8);
    expect(fake.items.landsatLook.length).toBeGreaterThan(expected.length);
    const result = await walk(createLandsatLookSource({ url: fake.landsatLookUrl }), query({ limit: 4 }));
    const ids = result.items.map((item) => item.id);
    expect(duplicates(ids)).toEqual([]);
    expect(new Set(ids)).toEqual(new Set(expected));
    for (const id of ids) expect(id.endsWith('_SR')).toBe(true);
    for (const page of result.pages) expect(page.matched).toBe(expected.length);
    expect(searchBodies().map((body) => body.page ?? 1)).toEqual(result.pages.map((_, i) => i + 1));
    expect(searchBodies()[0].query).toMatchObject({ platform: { in: ['LANDSAT_8', 'LANDSAT_9'] } });
  });

  it('drops other Landsats when the server ignores the platform query', async () => {
    fake.faults.landsatLook.ignoreQueryFields = ['platform'];
    const result = await walk(createLandsatLookSource({ url: fake.landsatLookUrl }), query({ limit: 5 }));
    expect(result.pages[0].matched).toBe(fake.items.landsatLook.length);
    expect(new Set(result.items.map((item) => item.properties.platform))).toEqual(new Set(['landsat-8']));
    expect(result.items.map((item) => item.id).sort()).toEqual(landsat89().map((item) => `landsat:${String(item.id)}`).sort());
    expect(result.pages.reduce((sum, page) => sum + page.skipped, 0)).toBe(0);
  });

  it('sends open datetime ends as explicit instants, never ".."', async () => {
    const source = createLandsatLookSource({ url: fake.landsatLookUrl });
    await source.search(query({ datetime: { start: null, end: '2020-02-01T00:00:00Z' } }), null, context());
    const datetime = String(searchBodies()[0].datetime);
    expect(datetime).not.toContain('..');
    const [start, end] = datetime.split('/').map(Date.parse);
    expect(start).toBeLessThan(Date.parse('1980-01-01T00:00:00Z'));
    expect(end).toBe(Date.parse('2020-02-01T00:00:00Z'));
  });

  it('filters by cloud cover upstream', async () => {
    // Spread the clones' cloud cover so that the threshold splits the pool.
    fake.items.landsatLook.forEach((item, i) => {
      const props = item.properties as Json;
      if (props['fake:clone_of']) props['eo:cloud_cover'] = (i * 13) % 100;
    });
    const result = await walk(createLandsatLookSource({ url: fake.landsatLookUrl }), query({ limit: 10, cloudCoverLt: 40 }));
    expect(searchBodies()[0].query).toMatchObject({ 'eo:cloud_cover': { lt: 40 } });
    const expected = landsat89().filter((item) => Number((item.properties as Json)['eo:cloud_cover']) < 40);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(landsat89().length);
    expect(result.items.map((item) => item.id).sort()).toEqual(expected.map((item) => `landsat:${String(item.id)}`).sort());
  });
});

describe('LandsatLook adapter item lookup', () => {
  it('returns Landsat 8 items, null for Landsat 7 and for unknown ids', async () => {
    const source = createLandsatLookSource({ url: fake.landsatLookUrl });
    const l8 = fake.items.landsatLook.find((item) => platformOf(item) === 'LANDSAT_8') as Json;
    const l7 = fake.items.landsatLook.find((item) => platformOf(item) === 'LANDSAT_7') as Json;
    expect((await source.getItem(String(l8.id), context()))?.id).toBe(`landsat:${String(l8.id)}`);
    expect(await source.getItem(String(l7.id), context())).toBeNull();
    expect(await source.getItem('LC08_L2SP_000000_20200101_20200101_02_T1_SR', context())).toBeNull();
    expect(fake.requestsTo('landsatLook').map((request) => request.path)).toEqual([
      `/collections/landsat-c2l2-sr/items/${String(l8.id)}`,
      `/collections/landsat-c2l2-sr/items/${String(l7.id)}`,
      '/collections/landsat-c2l2-sr/items/LC08_L2SP_000000_20200101_20200101_02_T1_SR',
    ]);
  });
});
