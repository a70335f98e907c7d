/**
 * An offline search by `intersects` answered from the items cache: the geometry's bbox is taken
 * the antimeridian-aware way (sources/normalize/antimeridian.ts geometryBbox), so an area cut at
 * ±180 into a MultiPolygon (RFC 7946) finds the items on both sides of the line — and not every
 * item of the latitude band, which a plain min/max of the longitudes (−180..180) would return.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedAdapter } from '../../../electron/service/cache/cached-adapter';
import { ItemCache } from '../../../electron/service/cache/item-cache';
import { QueryPageCache } from '../../../electron/service/cache/query-page-cache';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import type { SourceAdapter, SourceContext } from '../../../electron/service/sources/types';
import type { Geometry, StacItem } from '../../../electron/service/stac/types';

/** A 1° × 1° scene of source `landsat` whose west edge is at `west`. */
function scene(name: string, west: number): StacItem {
  const [east, south, north] = [west + 1, 0, 1];
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id: `landsat:${name}`,
    geometry: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
    bbox: [west, south, east, north],
    properties: {
      datetime: '2024-05-01T10:00:00Z',
      'eo:cloud_cover': 5,
      platform: 'landsat-8',
      constellation: 'landsat',
      gsd: 30,
      'astra:provider': 'usgs',
      'astra:collection': 'landsat-c2l2-sr',
      'astra:source': 'landsat',
      'astra:scene_key': name,
    },
    assets: {},
    links: [],
  };
}

/** An upstream that must not be asked: the app is offline. */
const unreachable: SourceAdapter = {
  id: 'landsat',
  describe: () => ({ id: 'landsat', title: 'LandsatLook', provider: 'usgs', satellites: [], resolutions_m: [], collections: ['landsat-c2l2-sr'], bands: [], url: 'http://127.0.0.1:1' }),
  search: () => Promise.reject(new Error('offline: the upstream must not be searched')),
  getItem: () => Promise.reject(new Error('offline: the upstream must not be asked')),
};

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-intersects-am-'));
  db = openDatabase(join(dir, 'astra.sqlite'));
});
afterEach(() => { db?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('offline intersects search across the antimeridian', () => {
  it('finds the cached items on both sides of ±180 and none elsewhere in the latitude band', async () => {
    const items = new ItemCache(db, Date.now);
    items.upsertMany([scene('EAST_OF_LINE', 178), scene('WEST_OF_LINE', -179.5), scene('GREENWICH', 0), scene('PACIFIC_FAR', -150)]);
    items.flush();
    const adapter = cachedAdapter(unreachable, { items, pages: new QueryPageCache(db) }, { ttlMs: 600_000, offline: true });
    // 176°E … 178°W, cut at the antimeridian as RFC 7946 asks.
    const intersects: Geometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[176, -1], [180, -1], [180, 2], [176, 2], [176, -1]]],
        [[[-180, -1], [-178, -1], [-178, 2], [-180, 2], [-180, -1]]],
      ],
    };
    const ctx: SourceContext = { signal: new AbortController().signal, fetch };
    const page = await adapter.search({ intersects, limit: 10, sortby: '-datetime' }, null, ctx);
    expect(page.servedFromCache).toBe(true);
    expect(page.items.map((item) => item.id).sort()).toEqual(['landsat:EAST_OF_LINE', 'landsat:WEST_OF_LINE']);
  });
});
