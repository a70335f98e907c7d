import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemCache, type ItemQuery } from '../../../electron/service/cache/item-cache';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import type { StacItem } from '../../../electron/service/stac/types';
import { FIXTURE } from '../../helpers/fake-upstream/fixture-files';
import { fixturePath } from '../../helpers/fixtures';
import { randomItems } from './helpers/random-items';

let dir: string;
let db: Db;
let cache: ItemCache;
const items = randomItems(3000, 7);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-items-'));
  db = openDatabase(join(dir, 'astra.sqlite'));
  cache = new ItemCache(db);
  cache.upsertMany(items);
});
afterAll(() => { db?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

/** The same query answered by brute force over the in-memory items. */
function expected(q: ItemQuery): string[] {
  const intersects = (item: StacItem) => {
    if (!q.bbox) return true;
    const [w, s, e, n] = item.bbox as number[];
    const lonRanges = (a: number, b: number): Array<[number, number]> => (a <= b ? [[a, b]] : [[a, 180], [-180, b]]);
    const latOk = s <= q.bbox[3] && n >= q.bbox[1];
    return latOk && lonRanges(w, e).some(([iw, ie]) => lonRanges(q.bbox![0], q.bbox![2]).some(([qw, qe]) => iw <= qe && ie >= qw));
  };
  const t = (item: StacItem) => Date.parse(item.properties.datetime);
  const filtered = items.filter((item) => intersects(item)
    && (!q.datetime?.start || t(item) >= Date.parse(q.datetime.start))
    && (!q.datetime?.end || t(item) <= Date.parse(q.datetime.end))
    && (q.cloudCoverLt === undefined || (item.properties['eo:cloud_cover'] !== null && item.properties['eo:cloud_cover'] < q.cloudCoverLt))
    && (!q.sources || q.sources.includes(item.properties['astra:source']))
    && (!q.collections || q.collections.includes(item.properties['astra:collection'])));
  const key = (item: StacItem): number => (q.sortby === 'cloud_cover' ? item.properties['eo:cloud_cover'] ?? Infinity : q.sortby === '-datetime' ? -t(item) : t(item));
  return filtered.sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : 1)).map((item) => item.id);
}

function allPages(q: ItemQuery): string[] {
  const ids: string[] = [];
  let after = q.after;
  for (let page = 0; page < 1000; page += 1) {
    const result = cache.query({ ...q, after });
    ids.push(...result.items.map((item) => item.id));
    if (!result.next) return ids;
    after = result.next;
  }
  throw new Error('did not end');
}

describe('ItemCache', () => {
  it('round-trips items and replaces them by id', () => {
    expect(cache.count()).toBe(items.length);
    expect(cache.get(items[10].id)).toEqual(items[10]);
    const changed = { ...items[10], properties: { ...items[10].properties, 'eo:cloud_cover': 99.5 } };
    cache.upsertMany([changed]);
    expect(cache.count()).toBe(items.length);
    expect(cache.get(items[10].id)?.properties['eo:cloud_cover']).toBe(99.5);
    cache.upsertMany([items[10]]);
    expect(cache.get('sentinel-2:nope')).toBeNull();
  });

  const queries: Array<[string, ItemQuery]> = [
    ['bbox + datetime + cloud, newest first', { bbox: [-60, -40, 60, 50], datetime: { start: '2020-01-01T00:00:00Z', end: '2022-06-30T23:59:59Z' }, cloudCoverLt: 30, limit: 8, sortby: '-datetime' }],
    ['bbox, oldest first, one source', { bbox: [0, 0, 90, 60], sources: ['landsat'], limit: 10, sortby: 'datetime' }],
    ['cloud sort with nulls last', { bbox: [-180, -90, 180, 90], collections: ['sentinel-2-c1-l2a'], limit: 50, sortby: 'cloud_cover' }],
    ['antimeridian-crossing query', { bbox: [170, -80, -170, 80], limit: 7, sortby: '-datetime' }],
    ['no bbox, open-ended datetime', { datetime: { start: '2024-06-01T00:00:00Z', end: null }, limit: 40, sortby: '-datetime' }],
  ];

  it.each(queries)('pages through %s exactly like a brute-force sort', (_name, q) => {
    const want = expected(q);
    expect(want.length).toBeGreaterThan(q.limit);
    expect(cache.query(q).items.map((i) => i.id)).toEqual(want.slice(0, q.limit));
    expect(allPages(q)).toEqual(want);
  });

  it('finds an antimeridian-crossing item from either side, once', () => {
    const crossing = items.find((item) => (item.bbox as number[])[0] > (item.bbox as number[])[2]) as StacItem;
    const [, s, , n] = crossing.bbox as number[];
    const west = cache.query({ bbox: [179.8, s, 179.9, n], limit: 500, sortby: '-datetime' }).items.map((i) => i.id);
    const east = cache.query({ bbox: [-179.9, s, -179.8, n], limit: 500, sortby: '-datetime' }).items.map((i) => i.id);
    const both = cache.query({ bbox: [179.8, s, -179.8, n], limit: 500, sortby: '-datetime' }).items.map((i) => i.id);
    expect(west).toContain(crossing.id);
    expect(east).toContain(crossing.id);
    expect(both.filter((id) => id === crossing.id)).toHaveLength(1);
  });

  it('finds the real antimeridian fixture item (split MultiPolygon, west > east bbox)', () => {
    const fixture = JSON.parse(readFileSync(fixturePath(FIXTURE.antimeridianS2), 'utf8')) as StacItem;
    const item = { ...fixture, id: `sentinel-2:${fixture.id}`, properties: { ...fixture.properties, 'astra:source': 'sentinel-2' as const, 'astra:collection': 'sentinel-2-l2a' } };
    cache.upsertMany([item]);
    const fiji = { datetime: { start: '2023-08-21T00:00:00Z', end: '2023-08-22T00:00:00Z' }, limit: 10, sortby: '-datetime' as const };
    expect(cache.query({ ...fiji, bbox: [179.5, -17, 179.9, -16.5] }).items.map((i) => i.id)).toContain(item.id);
    expect(cache.query({ ...fiji, bbox: [-179.9, -17, -179.8, -16.5] }).items.map((i) => i.id)).toContain(item.id);
    expect(cache.query({ ...fiji, bbox: [-179.5, -17, -179.0, -16.5] }).items.map((i) => i.id)).not.toContain(item.id);
  });

  it('re-upserting byte-identical JSON only refreshes the age; changed JSON is rewritten with its boxes', () => {
    let clock = 1_000;
    const timed = new ItemCache(db, () => clock);
    const item: StacItem = { ...items[42], id: 'landsat:identical-json', bbox: [-50, -20, -49, -19] };
    const boxes = () => (db.prepare('SELECT count(*) AS n FROM cached_item_boxes').get() as { n: number }).n;
    const rowsChanged = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const found = (bbox: [number, number, number, number]) => timed.query({ bbox, ids: [item.id], limit: 5, sortby: '-datetime' }).items.map((i) => i.id);
    timed.upsertMany([item]);
    const before = { boxes: boxes(), changed: rowsChanged() };
    clock = 2_000;
    timed.upsertMany([structuredClone(item)]);
    expect(rowsChanged() - before.changed).toBe(1);
    expect(timed.getWithAge(item.id)?.updatedAt).toBe(2_000);
    expect(boxes()).toBe(before.boxes);

    const moved: StacItem = { ...item, bbox: [100, 10, 101, 11], properties: { ...item.properties, 'eo:cloud_cover': 1.5 } };
    clock = 3_000;
    const beforeMove = rowsChanged();
    timed.upsertMany([moved]);
    expect(rowsChanged() - beforeMove).toBeGreaterThan(1);
    expect(timed.getWithAge(item.id)).toEqual({ item: moved, updatedAt: 3_000 });
    expect(boxes()).toBe(before.boxes);
    expect(found([100.2, 10.2, 100.8, 10.8])).toEqual([item.id]);
    expect(found([-49.8, -19.8, -49.2, -19.2])).toEqual([]);
  });

  it('writes queued items on the next tick, and before any read that touches them', async () => {
    let clock = 5_000;
    const queued = new ItemCache(db, () => clock);
    const other = new ItemCache(db);
    const fresh = randomItems(3, 99).map((item, i) => ({ ...item, id: `${item.id.split(':')[0]}:write-behind-${i}` }));
    let pageWritten = false;
    queued.upsertLater(fresh.slice(0, 2), { key: 'page-a', write: () => { pageWritten = true; } });
    clock = 6_000;
    expect(queued.isQueued('page-a')).toBe(true);
    expect(other.get(fresh[0].id)).toBeNull();
    expect(queued.getWithAge(fresh[0].id)).toEqual({ item: fresh[0], updatedAt: 5_000 });
    expect(pageWritten).toBe(true);
    expect(queued.isQueued('page-a')).toBe(false);
    queued.upsertLater([fresh[2]]);
    expect(other.get(fresh[2].id)).toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    expect(other.get(fresh[2].id)).toEqual(fresh[2]);
  });

  it('a queued write that fails costs only its own page', () => {
    const queued = new ItemCache(db);
    const [good, bad] = randomItems(2, 123).map((item, i) => ({ ...item, id: `landsat:failing-write-${i}` }));
    queued.upsertLater([bad], { key: 'bad', write: () => { throw new Error('disk full'); } });
    queued.upsertLater([good]);
    expect(() => queued.flush()).not.toThrow();
    expect(queued.get(bad.id)).toBeNull();
    expect(queued.get(good.id)).toEqual(good);
  });

  it('answers ids lookups', () => {
    const ids = [items[3].id, items[2000].id, 'landsat:missing'];
    expect(cache.query({ ids, limit: 10, sortby: '-datetime' }).items.map((i) => i.id).sort()).toEqual([items[3].id, items[2000].id].sort());
  });

  it('drives the hot bbox+datetime+cloud query from the R*Tree (EXPLAIN QUERY PLAN)', () => {
    const plan = cache.explain(queries[0][1]);
    expect(plan.some((step) => /cached_item_boxes VIRTUAL TABLE INDEX/.test(step))).toBe(true);
    expect(plan.some((step) => /SCAN i\b|SCAN cached_items\b/.test(step))).toBe(false);
    expect(plan.some((step) => /SEARCH i USING INTEGER PRIMARY KEY/.test(step))).toBe(true);
  });
});
