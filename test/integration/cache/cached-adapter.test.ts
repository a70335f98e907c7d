import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedAdapter, CACHE_POSITION_KEY } from '../../../electron/service/cache/cached-adapter';
import { ItemCache } from '../../../electron/service/cache/item-cache';
import { QueryPageCache } from '../../../electron/service/cache/query-page-cache';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import { UpstreamFailure, type SourceAdapter, type SourceContext, type SourcePage, type SourceQuery } from '../../../electron/service/sources/types';
import type { StacItem } from '../../../electron/service/stac/types';
import { randomItems } from './helpers/random-items';

/** An in-memory "upstream" for source `landsat`: pages of 3 over its items, newest first. */
function fakeUpstream(items: StacItem[]) {
  const sorted = [...items].sort((a, b) => Date.parse(b.properties.datetime) - Date.parse(a.properties.datetime));
  const state = { calls: 0, mode: 'up' as 'up' | 'down' | 'hang' };
  const adapter: SourceAdapter = {
    id: 'landsat',
    describe: () => ({ id: 'landsat', title: 'Fake LandsatLook', provider: 'usgs', satellites: [], resolutions_m: [], collections: ['landsat-c2l2-sr'], bands: [], url: 'http://127.0.0.1:1' }),
    async search(query: SourceQuery, position, ctx: SourceContext): Promise<SourcePage> {
      state.calls += 1;
      if (state.mode === 'down') throw new UpstreamFailure('landsat', 'upstream_error', 'HTTP 503');
      if (state.mode === 'hang') await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      const offset = (position?.offset as number | undefined) ?? 0;
      const page = sorted.slice(offset, offset + query.limit);
      return { items: page, next: offset + query.limit < sorted.length ? { offset: offset + query.limit } : null, matched: sorted.length, skipped: 0 };
    },
    async getItem(id) {
      state.calls += 1;
      if (state.mode === 'down') throw new UpstreamFailure('landsat', 'upstream_error', 'HTTP 503');
      return sorted.find((item) => item.id === `landsat:${id}`) ?? null;
    },
  };
  return { adapter, state };
}

let dir: string;
let db: Db;
let clock: number;
let offline: boolean;
const items = randomItems(400, 3).filter((item) => item.id.startsWith('landsat:')).slice(0, 10)
  .map((item) => ({ ...item, bbox: [10, 10, 11, 11], properties: { ...item.properties, 'astra:collection': 'landsat-c2l2-sr' } }));
const query: SourceQuery = { bbox: [9, 9, 12, 12], limit: 3, sortby: '-datetime' };
const ctx = (): SourceContext => ({ signal: new AbortController().signal, fetch });

function wrapped(extra: { fallback?: boolean } = {}) {
  const upstream = fakeUpstream(items);
  const caches = { items: new ItemCache(db, () => clock), pages: new QueryPageCache(db) };
  const adapter = cachedAdapter(upstream.adapter, caches, { ttlMs: 600_000, offline: () => offline, now: () => clock, fallbackAfterMs: extra.fallback ? 50 : undefined });
  return { adapter, upstream: upstream.state, caches };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-cached-adapter-'));
  db = openDatabase(join(dir, 'astra.sqlite'));
  clock = Date.parse('2025-03-01T00:00:00Z');
  offline = false;
});
afterEach(() => { db?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('cachedAdapter', () => {
  it('stores every item and page it sees, and answers a repeat within the TTL without the upstream', async () => {
    const { adapter, upstream, caches } = wrapped();
    const first = await adapter.search(query, null, ctx());
    expect(upstream.calls).toBe(1);
    // Written behind the answer: not in SQLite yet, but every read of this cache writes the queue first.
    expect(new ItemCache(db).count()).toBe(0);
    expect(caches.items.count()).toBe(3);
    expect(new QueryPageCache(db).count()).toBe(1);
    const again = await adapter.search({ ...query, bbox: [9, 9, 12, 12.00000001] }, null, ctx());
    expect(upstream.calls).toBe(1);
    expect(again).toEqual(first);
    expect(again.servedFromCache).toBeUndefined();

    clock += 600_001;
    await adapter.search(query, null, ctx());
    expect(upstream.calls).toBe(2);
  });

  it('falls back to the stored page, marked servedFromCache, when the upstream fails after the TTL', async () => {
    const { adapter, upstream } = wrapped();
    const page1 = await adapter.search(query, null, ctx());
    const page2 = await adapter.search(query, page1.next, ctx());
    clock += 3_600_000;
    upstream.mode = 'down';
    const stale2 = await adapter.search(query, page1.next, ctx());
    expect(stale2).toEqual({ ...page2, servedFromCache: true });
    expect(upstream.calls).toBe(3);
    await expect(adapter.search(query, page2.next, ctx())).rejects.toThrow(/HTTP 503/);
  });

  it('answers a first page it never stored from the items cache, and pages on with its own positions', async () => {
    const { adapter, upstream, caches } = wrapped();
    caches.items.upsertMany(items);
    upstream.mode = 'down';
    const page = await adapter.search({ ...query, limit: 4 }, null, ctx());
    expect(page.servedFromCache).toBe(true);
    expect(page.matched).toBeNull();
    const expectedOrder = [...items].sort((a, b) => Date.parse(b.properties.datetime) - Date.parse(a.properties.datetime)).map((i) => i.id);
    expect(page.items.map((i) => i.id)).toEqual(expectedOrder.slice(0, 4));
    expect(Object.keys(page.next ?? {})).toEqual([CACHE_POSITION_KEY]);
    upstream.mode = 'up';
    const next = await adapter.search({ ...query, limit: 4 }, page.next, ctx());
    expect(next.items.map((i) => i.id)).toEqual(expectedOrder.slice(4, 8));
    expect(upstream.calls).toBe(1);
  });

  it('never calls the upstream offline: stored pages, then the items cache, else an UpstreamFailure', async () => {
    const { adapter, upstream } = wrapped();
    const page1 = await adapter.search(query, null, ctx());
    offline = true;
    expect(await adapter.search(query, null, ctx())).toEqual({ ...page1, servedFromCache: true });
    const other = await adapter.search({ ...query, cloudCoverLt: 101 }, null, ctx());
    expect(other.servedFromCache).toBe(true);
    await expect(adapter.search(query, { offset: 99 }, ctx())).rejects.toMatchObject({ name: 'UpstreamFailure' });
    expect(await adapter.getItem(page1.items[0].id.slice('landsat:'.length), ctx())).toEqual(page1.items[0]);
    await expect(adapter.getItem('NOT_CACHED', ctx())).rejects.toThrow(/offline/);
    expect(upstream.calls).toBe(1);
  });

  it('getItem: cached within the TTL, fresh from the upstream after it, cached again when the upstream fails', async () => {
    const { adapter, upstream } = wrapped();
    const id = items[0].id.slice('landsat:'.length);
    expect(await adapter.getItem(id, ctx())).toEqual(items[0]);
    expect(await adapter.getItem(id, ctx())).toEqual(items[0]);
    expect(upstream.calls).toBe(1);
    clock += 700_000;
    upstream.mode = 'down';
    expect(await adapter.getItem(id, ctx())).toEqual(items[0]);
    expect(upstream.calls).toBe(2);
    await expect(adapter.getItem('UNKNOWN', ctx())).rejects.toThrow(/HTTP 503/);
  });

  it('answers from the cache before the caller\'s deadline when the upstream hangs', async () => {
    const { adapter, upstream, caches } = wrapped();
    caches.items.upsertMany(items);
    upstream.mode = 'hang';
    const controller = new AbortController();
    // The adapter's clock stands still (`clock`); its timer is faked: 400 ms to the deadline leave
    // a budget of 400 − 20 % = 320 ms for the upstream, then the cache answers.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let page: SourcePage | undefined;
      const answered = adapter.search(query, null, { signal: controller.signal, fetch, deadline: clock + 400 }).then((p) => { page = p; });
      await vi.advanceTimersByTimeAsync(319);
      expect(page).toBeUndefined();
      expect(upstream.calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await answered;
      expect(page?.servedFromCache).toBe(true);
      expect(page?.items).toHaveLength(3);
    } finally {
      vi.useRealTimers();
      controller.abort();
    }
  });

  it('writes a page on the next tick without any read, and a failed write costs no search', async () => {
    const { adapter, caches } = wrapped();
    await adapter.search(query, null, ctx());
    await new Promise((resolve) => setImmediate(resolve));
    expect(new ItemCache(db).count()).toBe(3);
    await adapter.search(query, { offset: 3 }, ctx());
    db.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => caches.items.flush()).not.toThrow();
    db = openDatabase(join(dir, 'astra.sqlite'));
    expect(new ItemCache(db).count()).toBe(3);
  });

  it('holds page writes while another upstream call is in flight, and writes them once it settles', async () => {
    const caches = { items: new ItemCache(db, () => clock), pages: new QueryPageCache(db) };
    const options = { ttlMs: 600_000, offline: false, now: () => clock };
    const fast = cachedAdapter(fakeUpstream(items).adapter, caches, options);
    const hanging = fakeUpstream(items);
    hanging.state.mode = 'hang';
    const slow = cachedAdapter(hanging.adapter, caches, options);
    const controller = new AbortController();
    const pending = slow.search({ ...query, limit: 2 }, null, { signal: controller.signal, fetch }).catch(() => null);
    await fast.search(query, null, ctx());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(new ItemCache(db).count()).toBe(0);
    controller.abort();
    await pending;
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(new ItemCache(db).count()).toBe(3);
    expect(new QueryPageCache(db).count()).toBe(1);
  });

  it('uses fallbackAfterMs when the caller states no deadline', async () => {
    const { adapter, upstream, caches } = wrapped({ fallback: true });
    caches.items.upsertMany(items);
    upstream.mode = 'hang';
    const controller = new AbortController();
    const page = await adapter.search(query, null, { signal: controller.signal, fetch });
    controller.abort();
    expect(page.servedFromCache).toBe(true);
  });
});
