import { describe, expect, it } from 'vitest';
import type { Bbox, StacItem } from '../../../electron/service/stac/types';
import type { SortBy } from '../../../electron/service/sources/types';
import { MemoryAdapter } from './helpers/memory-adapter';
import { makeItem, randomScenes, seededRandom } from './helpers/scenes';
import { itemMatches, sortItems, sortValue } from './helpers/stac-filter';
import { walkPages } from './helpers/walk-pages';

const REGION: Bbox = [10, 40, 20, 50];
const QUERY = { bbox: '12,42,18,48', datetime: '2024-02-01/2024-11-30' };
const QUERY_FILTER = { bbox: [12, 42, 18, 48] as Bbox, datetime: { start: '2024-02-01T00:00:00.000Z', end: '2024-11-30T23:59:59.999Z' } };

/** Three catalogs with different native page sizes; some scenes share exact timestamps across catalogs. */
function threeCatalogs(counts = { pc: false }) {
  const s2 = randomScenes('sentinel-2', 90, 1, REGION).map(makeItem);
  const landsat = randomScenes('landsat', 60, 2, REGION).map((spec, i) => makeItem(i < 8 ? { ...spec, datetime: s2[i].properties.datetime } : spec));
  const pc = randomScenes('planetary-computer', 70, 3, REGION).map((spec, i) => makeItem(i < 5 ? { ...spec, datetime: s2[i].properties.datetime, cloud: s2[i].properties['eo:cloud_cover'] as number } : spec));
  const adapters = [
    new MemoryAdapter({ id: 'sentinel-2', items: s2, pageSize: 4 }),
    new MemoryAdapter({ id: 'landsat', items: landsat, pageSize: 9 }),
    new MemoryAdapter({ id: 'planetary-computer', items: pc, pageSize: 25, counts: counts.pc }),
  ];
  return { adapters, all: [...s2, ...landsat, ...pc] };
}

function ids(items: StacItem[]): string[] {
  return items.map((item) => item.id);
}

describe('federated paging without duplicates', () => {
  const { adapters, all } = threeCatalogs();
  const expected = all.filter((item) => itemMatches(item, QUERY_FILTER));

  it('has a data set worth paging through', () => {
    expect(expected.length).toBeGreaterThan(60);
    expect(new Set(expected.map((i) => i.properties['astra:source'])).size).toBe(3);
  });

  it.each(['-datetime', 'datetime', 'cloud_cover'] as SortBy[])('pages of 7 return every scene exactly once, in %s order', async (sortby) => {
    const pages = await walkPages(adapters, { ...QUERY, limit: '7', sortby });
    const returned = pages.flatMap((p) => p.features);
    expect(ids(returned)).toEqual(ids(sortItems(expected, sortby)));
    expect(pages.slice(0, -1).every((p) => p.features.length === 7 && p.context.returned === 7)).toBe(true);
    expect(pages.at(-1)?.features.length).toBe(expected.length % 7 || 7);
    expect(pages.every((p) => p.warnings.length === 0)).toBe(true);
  });

  it.each([1, 3, 10, 64, 500])('pages of %i return every scene exactly once', async (limit) => {
    const pages = await walkPages(adapters, { ...QUERY, limit: String(limit) });
    expect(ids(pages.flatMap((p) => p.features))).toEqual(ids(sortItems(expected, '-datetime')));
    expect(pages).toHaveLength(Math.ceil(expected.length / limit));
  });

  it('reports matched as the number of scenes paged through, whether a catalog counts or not, on every page', async () => {
    const [first] = await walkPages(adapters, { ...QUERY, limit: '500' });
    expect(first.context).toEqual({ matched: expected.length, returned: expected.length, limit: 500 });
    for (const counts of [{ pc: false }, { pc: true }]) {
      const catalogs = threeCatalogs(counts);
      const pages = await walkPages(catalogs.adapters, { ...QUERY, limit: '7' });
      expect(pages.map((p) => p.context.matched)).toEqual(pages.map(() => expected.length));
      // Listed once, on the first page: later pages carry the count in their cursor.
      const listings = catalogs.adapters.map((a) => a.listings.length);
      expect(listings.every((n) => n > 0)).toBe(true);
      await walkPages(catalogs.adapters, { ...QUERY, limit: '7' });
      expect(catalogs.adapters.map((a) => a.listings.length)).toEqual(listings.map((n) => 2 * n));
    }
  });

  it('reads upstream pages only as far as each API page needs', async () => {
    const fresh = threeCatalogs();
    const pages = await walkPages(fresh.adapters, { ...QUERY, limit: '7' });
    const [s2] = fresh.adapters;
    // Per API page a stream re-reads its partly used upstream page (up to 3 of 4 items used) and
    // reads on until it holds 7 unused candidates: at most ceil((3 + 7) / 4) = 3 calls.
    expect(s2.calls.length).toBeLessThanOrEqual(pages.length * 3);
    expect(s2.calls.every((c) => c.query.limit === 7 && c.query.sortby === '-datetime')).toBe(true);
    expect(s2.calls[0].position).toBeNull();
  });
});

/** Sentinel-2 acquisitions also in Planetary Computer, Landsat ones too; `jitterMs` moves the PC copy in time. */
function catalogsWithCopies(seed: number, jitterMs: number) {
  const random = seededRandom(seed);
  const keyed = (items: StacItem[], prefix: string) => items.map((item, i) => makeItem({
    source: item.properties['astra:source'], upstreamId: item.id.split(':')[1], datetime: item.properties.datetime,
    cloud: item.properties['eo:cloud_cover'] as number, bbox: item.bbox as Bbox, sceneKey: `${prefix}-${i}`,
  }));
  const s2 = keyed(randomScenes('sentinel-2', 60, seed, REGION).map(makeItem), 'S2');
  const landsat = keyed(randomScenes('landsat', 40, seed + 1, REGION).map(makeItem), 'LS');
  const copy = (item: StacItem, n: number) => {
    const shift = jitterMs === 0 ? 0 : Math.round((random() * 2 - 1) * jitterMs);
    return makeItem({
      source: 'planetary-computer', upstreamId: `PC_COPY_${n}`, bbox: item.bbox as Bbox, sceneKey: item.properties['astra:scene_key'],
      datetime: new Date(Date.parse(item.properties.datetime) + shift).toISOString(),
      cloud: item.properties['eo:cloud_cover'] as number,
    });
  };
  const pc = [
    ...s2.filter((_, i) => i % 3 !== 0).map(copy),
    ...landsat.filter((_, i) => i % 2 === 0).map((item, i) => copy(item, 1000 + i)),
    ...randomScenes('planetary-computer', 15, seed + 2, REGION).map(makeItem),
  ];
  return {
    adapters: [
      new MemoryAdapter({ id: 'sentinel-2', items: s2, pageSize: 5 }),
      new MemoryAdapter({ id: 'landsat', items: landsat, pageSize: 3 }),
      new MemoryAdapter({ id: 'planetary-computer', items: pc, pageSize: 8, counts: false }),
    ],
    all: [...s2, ...landsat, ...pc],
  };
}

function acquisitionKey(item: StacItem): string {
  return item.properties['astra:scene_key'] ?? item.id;
}

describe('federated paging with the same acquisition in two catalogs', () => {
  it.each([1, 2, 7, 20])('pages of %i return each acquisition once, the producer copy with the PC id as alternate', async (limit) => {
    const { adapters, all } = catalogsWithCopies(11, 0);
    const matching = all.filter((item) => itemMatches(item, QUERY_FILTER));
    const expectedKeys = new Set(matching.map(acquisitionKey));
    const pcCopyOf = new Map(matching.filter((i) => i.id.startsWith('planetary-computer:')).map((i) => [acquisitionKey(i), i.id]));

    const pages = await walkPages(adapters, { ...QUERY, limit: String(limit) });
    const returned = pages.flatMap((p) => p.features);
    const keys = returned.map(acquisitionKey);
    expect(keys.length).toBe(new Set(keys).size);
    expect(new Set(keys)).toEqual(expectedKeys);
    expect(pcCopyOf.size).toBeGreaterThan(10);
    // Counted by listing: each acquisition once, though two catalogs hold it.
    expect(pages.map((p) => p.context.matched)).toEqual(pages.map(() => expectedKeys.size));
    for (const feature of returned) {
      const pcId = pcCopyOf.get(acquisitionKey(feature));
      const producerCopy = matching.find((i) => acquisitionKey(i) === acquisitionKey(feature) && !i.id.startsWith('planetary-computer:'));
      if (pcId && producerCopy) {
        expect(feature.id).toBe(producerCopy.id);
        expect(feature.properties['astra:alternates']).toEqual([pcId]);
      } else {
        expect(feature.properties['astra:alternates']).toBeUndefined();
      }
    }
    const values = returned.map((f) => sortValue(f, '-datetime'));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it.each([1, 2, 3, 7])('copies up to 20 s apart still appear once with pages of %i', async (limit) => {
    const { adapters, all } = catalogsWithCopies(23, 20_000);
    const expectedKeys = new Set(all.filter((item) => itemMatches(item, QUERY_FILTER)).map(acquisitionKey));
    const keys = (await walkPages(adapters, { ...QUERY, limit: String(limit) })).flatMap((p) => p.features).map(acquisitionKey);
    expect(keys.length).toBe(new Set(keys).size);
    expect(new Set(keys)).toEqual(expectedKeys);
  });

  it('does not return a copy again when it comes up pages after its twin', async () => {
    const t = Date.parse('2024-06-01T10:00:00Z');
    const at = (offsetS: number) => new Date(t - offsetS * 1000).toISOString();
    const box: Bbox = [13, 43, 14, 44];
    const adapters = [
      new MemoryAdapter({ id: 'sentinel-2', pageSize: 1, items: [makeItem({ source: 'sentinel-2', upstreamId: 'A', datetime: at(0), cloud: 1, bbox: box, sceneKey: 'A' })] }),
      new MemoryAdapter({ id: 'landsat', pageSize: 1, items: [makeItem({ source: 'landsat', upstreamId: 'X', datetime: at(10), cloud: 1, bbox: box })] }),
      new MemoryAdapter({ id: 'planetary-computer', pageSize: 1, items: [
        makeItem({ source: 'planetary-computer', upstreamId: 'B', datetime: at(5), cloud: 1, bbox: box }),
        makeItem({ source: 'planetary-computer', upstreamId: 'A_COPY', datetime: at(30), cloud: 1, bbox: box, sceneKey: 'A' }),
      ] }),
    ];
    const pages = await walkPages(adapters, { ...QUERY, limit: '1' });
    expect(pages.map((p) => ids(p.features))).toEqual([['sentinel-2:A'], ['planetary-computer:B'], ['landsat:X']]);
    // The copy was read upstream (so it really came up) but swallowed.
    expect(adapters[2].calls.length).toBeGreaterThanOrEqual(2);
  });
});
