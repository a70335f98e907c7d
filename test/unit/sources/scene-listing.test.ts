/**
 * Id listings for counting (SourceAdapter.listScenes) of the three real adapters against the fake
 * catalogs: every match listed once with the scene key its normalized item carries, asked with
 * the fields extension and big pages, paging as each catalog pages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEarthSearchSource } from '../../../electron/service/sources/earth-search/earth-search-source';
import { SCENE_LISTING_FIELDS } from '../../../electron/service/sources/http/scene-listing';
import { createLandsatLookSource } from '../../../electron/service/sources/landsatlook/landsatlook-source';
import { normalizeItem } from '../../../electron/service/sources/normalize/normalize-item';
import { PLANETARY_COMPUTER_ORIGIN } from '../../../electron/service/sources/normalize/item-origin';
import { identityOfListed, sceneKeyOf, SCENE_IDENTITY_PROPERTIES } from '../../../electron/service/sources/normalize/scene-identity';
import { createPlanetaryComputerSource } from '../../../electron/service/sources/planetary-computer/planetary-computer-source';
import type { ListedScene, SceneListQuery, SourceAdapter } from '../../../electron/service/sources/types';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { applyFields } from '../../helpers/fake-upstream/fields-extension';
import { realItems, type CatalogName } from '../../helpers/fake-upstream/item-pool';
import { query, walk, walkListing } from './adapter-harness';

let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream({ volume: { earthSearch: 60, planetaryComputer: 60, landsatLook: 30 } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetFaults();
  fake.requests.length = 0;
});

const WORLD: SceneListQuery = { bbox: [-180, -90, 180, 90], pageSize: 1000 };

function sources(): Record<string, { adapter: SourceAdapter; catalog: string }> {
  return {
    'sentinel-2': { adapter: createEarthSearchSource({ url: fake.earthSearchUrl }), catalog: 'earthSearch' },
    landsat: { adapter: createLandsatLookSource({ url: fake.landsatLookUrl }), catalog: 'landsatLook' },
    'planetary-computer': { adapter: createPlanetaryComputerSource({ url: fake.planetaryComputerUrl }), catalog: 'planetaryComputer' },
  };
}

/** What searching (all pages) returns, as listed scenes: the truth a listing must match. */
async function searched(adapter: SourceAdapter): Promise<ListedScene[]> {
  const result = await walk(adapter, query({ bbox: WORLD.bbox, limit: 100 }), undefined, 1000);
  return result.items.map((item) => ({ id: item.id, ...(item.properties['astra:scene_key'] ? { sceneKey: item.properties['astra:scene_key'] } : {}) }));
}

const byId = (scenes: ListedScene[]) => [...scenes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('id listings of the three catalogs', () => {
  it.each(['sentinel-2', 'landsat', 'planetary-computer'])('%s: lists exactly the scenes search returns, with their scene keys', async (id) => {
    const { adapter, catalog } = sources()[id];
    const truth = await searched(adapter);
    expect(truth.length).toBeGreaterThan(5);
    fake.requests.length = 0;
    const pages = await walkListing(adapter, { ...WORLD, pageSize: 7 });
    expect(byId(pages.flatMap((page) => page.scenes))).toEqual(byId(truth));
    const bodies = fake.requestsTo(catalog, '/search').map((request) => request.body as Record<string, unknown>);
    expect(bodies.length).toBe(pages.length);
    expect(bodies.every((body) => JSON.stringify(body.fields) === JSON.stringify(SCENE_LISTING_FIELDS) && body.limit === 7)).toBe(true);
  });

  it('Earth Search and LandsatLook report their count with each listing page; Planetary Computer does not', async () => {
    const all = sources();
    for (const id of ['sentinel-2', 'landsat']) {
      const pages = await walkListing(all[id].adapter, WORLD);
      expect(pages[0].matched).toBe(pages.reduce((sum, page) => sum + page.returned, 0));
    }
    const pc = await walkListing(all['planetary-computer'].adapter, WORLD);
    expect(pc.every((page) => page.matched === null)).toBe(true);
    expect(pc).toHaveLength(1);
  });

  it('Planetary Computer: sorts listings by id and falls back to `id > last` when next links go missing', async () => {
    const { adapter } = sources()['planetary-computer'];
    const complete = byId((await walkListing(adapter, { ...WORLD, pageSize: 10 })).flatMap((page) => page.scenes));
    fake.requests.length = 0;
    const pages = await walkListing(adapter, { ...WORLD, pageSize: 10 }, (page) => {
      if (page === 2) fake.faults.planetaryComputer.missingNext = true;
    });
    expect(byId(pages.flatMap((page) => page.scenes))).toEqual(complete);
    const bodies = fake.requestsTo('planetaryComputer', '/search').map((request) => request.body as Record<string, unknown>);
    expect(bodies.every((body) => JSON.stringify(body.sortby) === '[{"field":"id","direction":"asc"}]')).toBe(true);
    expect(bodies.slice(3).every((body) => typeof (body.query as { id?: { gt?: unknown } }).id?.gt === 'string')).toBe(true);
  });

  it('Earth Search keeps its next link: the sort field is among the listed fields', async () => {
    const { adapter } = sources()['sentinel-2'];
    const pages = await walkListing(adapter, { ...WORLD, pageSize: 5 });
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.slice(0, -1).every((page) => page.next !== null)).toBe(true);
  });

  it('LandsatLook: fails a listing that would page past its 10,000-result window, instead of counting short', async () => {
    const { adapter } = sources().landsat;
    const pool = fake.items.landsatLook;
    const size = pool.length;
    const landsat8 = pool.find((item) => String(item.id).startsWith('LC08'));
    pool.push(...Array.from({ length: 6000 }, () => landsat8 as (typeof pool)[number]));
    try {
      await expect(walkListing(adapter, { ...WORLD, pageSize: 6000 })).rejects.toThrow(/at most 10000 results/);
      // Within the window the same pool lists to its end.
      const pages = await walkListing(adapter, { ...WORLD, pageSize: 5000 });
      expect(pages.reduce((sum, page) => sum + page.returned, 0)).toBe(pages[0].matched);
    } finally {
      pool.length = size;
    }
  });
});

describe('scene identity from the listed fields alone', () => {
  it.each<CatalogName>(['earthSearch', 'planetaryComputer', 'landsatLook'])('%s: every real item gets the scene key normalization gives it', (catalog) => {
    const items = realItems(catalog);
    let keyed = 0;
    for (const raw of items) {
      const normalized = normalizeItem(raw, PLANETARY_COMPUTER_ORIGIN);
      if (!normalized.ok) continue;
      const listed = identityOfListed(applyFields(raw, SCENE_LISTING_FIELDS));
      expect(listed?.upstreamId).toBe(raw.id);
      expect(listed && sceneKeyOf(listed)).toBe(normalized.item.properties['astra:scene_key']);
      if (normalized.item.properties['astra:scene_key']) keyed += 1;
    }
    expect(keyed).toBeGreaterThan(0);
  });

  it('reads no item property that the listing does not ask for', () => {
    const read = new Set<string>();
    for (const catalog of ['earthSearch', 'planetaryComputer', 'landsatLook'] as const) {
      for (const raw of realItems(catalog)) {
        const watched = { ...raw, properties: new Proxy(raw.properties as object, { get: (target, key, receiver) => { if (typeof key === 'string') read.add(key); return Reflect.get(target, key, receiver); } }) };
        const identity = identityOfListed(watched);
        if (identity) sceneKeyOf(identity);
      }
    }
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((key) => !(SCENE_IDENTITY_PROPERTIES as readonly string[]).includes(key))).toEqual([]);
  });

  it('a listed feature that normalization would skip (no id, no datetime) is not listed', () => {
    expect(identityOfListed({ properties: { datetime: '2024-01-01T00:00:00Z' } })).toBeUndefined();
    expect(identityOfListed({ id: 'X', properties: {} })).toBeUndefined();
    expect(identityOfListed({ id: 'has space', properties: { datetime: '2024-01-01T00:00:00Z' } })).toBeUndefined();
  });
});
