/**
 * The federated search through the real service and the real adapters, against the fake upstream
 * that replays the recorded catalogs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';
import { validateStacItem } from '../../helpers/stac-validator';
import type { ItemCollection, StacItem } from '../../../electron/service/stac/types';
import { PROMPTLY_MS } from '../../helpers/timing';

let rig: SearchRig;
beforeAll(async () => { rig = await startSearchRig(); });
afterAll(async () => { await rig?.close(); });
afterEach(() => rig?.fake.resetFaults());

const WORLD = 'bbox=-180,-90,180,90';

/** Fault tests run on a rig whose cache has never seen the query (else the cache answers). */
async function withFreshRig(test: (rig: SearchRig) => Promise<void>): Promise<void> {
  const fresh = await startSearchRig();
  try {
    await test(fresh);
  } finally {
    await fresh.close();
  }
}

async function search(query: string, on: SearchRig = rig): Promise<{ status: number; body: ItemCollection }> {
  const response = await on.svc.api(`/api/v1/search?${query}`);
  return { status: response.status, body: (await response.json()) as ItemCollection };
}

describe('GET /api/v1/search', () => {
  it('answers one STAC ItemCollection from all three catalogs, every item schema-valid', async () => {
    const { status, body } = await search(`${WORLD}&limit=100`);
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.warnings).toEqual([]);
    const sources = new Set(body.features.map((f) => f.id.split(':')[0]));
    expect([...sources].sort()).toEqual(['landsat', 'planetary-computer', 'sentinel-2']);
    for (const item of body.features) {
      expect(validateStacItem(item), item.id).toEqual([]);
      expect(item.links.find((l) => l.rel === 'self')?.href).toBe(`${rig.svc.url}/api/v1/scenes/${encodeURIComponent(item.id).replaceAll('%3A', ':')}`);
      expect(item.properties['astra:provider']).toMatch(/^(copernicus|usgs|microsoft)$/);
    }
    const times = body.features.map((f) => Date.parse(f.properties.datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(body.context.returned).toBe(body.features.length);
    // The page holds every result (no next link), so it is the count.
    expect(body.links.find((l) => l.rel === 'next')).toBeUndefined();
    expect(body.context.matched).toBe(body.features.length);
  });

  it('walks next links across sources and pages: every scene exactly once', async () => {
    const seen: string[] = [];
    let next: string | undefined = `/api/v1/search?${WORLD}&limit=7&sources=sentinel-2,landsat,planetary-computer`;
    let pages = 0;
    while (next && pages < 200) {
      const response = await rig.svc.api(next.replace(rig.svc.url, ''));
      expect(response.status).toBe(200);
      const body = (await response.json()) as ItemCollection;
      expect(body.features.length).toBeLessThanOrEqual(7);
      seen.push(...body.features.map((f) => f.id));
      next = body.links.find((l) => l.rel === 'next')?.href;
      pages += 1;
    }
    expect(next).toBeUndefined();
    expect(new Set(seen).size).toBe(seen.length);
    const all = await search(`${WORLD}&limit=500`);
    expect(seen.sort()).toEqual(all.body.features.map((f) => f.id).sort());
    expect(pages).toBeGreaterThan(2);
  });

  it('a source past the timeout becomes a timeout warning; the others still answer', () => withFreshRig(async (rig) => {
    rig.fake.faults.planetaryComputer.hang = true;
    const started = Date.now();
    const { status, body } = await search(`${WORLD}&limit=50`, rig);
    const elapsed = Date.now() - started;
    expect(status).toBe(200);
    // Its id listing hangs too, so the count is unknown, and a warning says so.
    expect(body.warnings).toEqual([
      expect.objectContaining({ source: 'planetary-computer', code: 'timeout' }),
      expect.objectContaining({ source: 'planetary-computer', code: 'count_incomplete' }),
    ]);
    expect(body.context.matched).toBeNull();
    expect(body.features.some((f) => f.id.startsWith('sentinel-2:'))).toBe(true);
    expect(body.features.some((f) => f.id.startsWith('planetary-computer:'))).toBe(false);
    // The hanging catalog never answers: the search ended on the 3 s upstream timeout, not on it.
    expect(elapsed).toBeLessThan(3000 + PROMPTLY_MS);
  }));

  it('429 and malformed JSON become warnings, never a failed search', () => withFreshRig(async (rig) => {
    rig.fake.faults.earthSearch.status = { code: 429, retryAfter: 30 };
    rig.fake.faults.landsatLook.malformedJson = true;
    const { status, body } = await search(`${WORLD}&limit=20`, rig);
    expect(status).toBe(200);
    const codes = Object.fromEntries(body.warnings.filter((w) => w.code !== 'count_incomplete').map((w) => [w.source, w.code]));
    expect(codes).toEqual({ 'sentinel-2': 'rate_limited', landsat: 'upstream_error' });
    expect(body.warnings.filter((w) => w.code === 'count_incomplete')).toHaveLength(1);
    expect(body.context.matched).toBeNull();
    expect(body.features.length).toBeGreaterThan(0);
  }));

  it('only when every source fails: 502 JSON carrying the warnings', () => withFreshRig(async (rig) => {
    rig.fake.faults.earthSearch.status = { code: 500 };
    rig.fake.faults.landsatLook.status = { code: 503 };
    rig.fake.faults.planetaryComputer.malformedJson = true;
    const response = await rig.svc.api(`/api/v1/search?${WORLD}`);
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: string; warnings: unknown[] } };
    expect(body.error.code).toBe('upstream_error');
    expect(body.error.warnings).toHaveLength(3);
  }));

  it('every source timing out: 504', () => withFreshRig(async (rig) => {
    for (const c of ['earthSearch', 'landsatLook', 'planetaryComputer'] as const) rig.fake.faults[c].hang = true;
    const response = await rig.svc.api(`/api/v1/search?${WORLD}`);
    expect(response.status).toBe(504);
  }));

  it('a failing source whose results were seen before is answered from the cache with a warning', async () => {
    const before = await search(`${WORLD}&limit=40&sources=sentinel-2`);
    rig.fake.faults.earthSearch.status = { code: 500 };
    // A different page size is a different query, so the page cache cannot answer it: the items cache does.
    const { status, body } = await search(`${WORLD}&limit=41&sources=sentinel-2`);
    expect(status).toBe(200);
    expect(body.warnings).toEqual([expect.objectContaining({ source: 'sentinel-2', code: 'served_from_cache' })]);
    expect(body.features.map((f) => f.id).slice(0, 40).sort()).toEqual(before.body.features.map((f) => f.id).sort());
  });

  it('rejects bad parameters with 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['bbox=1,2,3', 'bbox'],
      ['bbox=0,95,1,96', 'bbox'],
      ['bbox=0,10,1,5', 'bbox'],
      [`${WORLD}&datetime=yesterday`, 'datetime'],
      [`${WORLD}&cloud_cover_lt=101`, 'cloud_cover_lt'],
      [`${WORLD}&limit=0`, 'limit'],
      [`${WORLD}&limit=501`, 'limit'],
      [`${WORLD}&sources=modis`, 'sources'],
      [`${WORLD}&cursor=garbage`, 'cursor'],
      [`${WORLD}&colour=red`, 'colour'],
      ['ids=nosuchsource:abc', 'ids'],
    ];
    for (const [query, parameter] of cases) {
      const response = await rig.svc.api(`/api/v1/search?${query}`);
      expect(response.status, query).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; parameter: string } };
      expect(error.parameter, query).toBe(parameter);
    }
  });
});

describe('POST /api/v1/search', () => {
  it('accepts intersects and pages with a POST next link', async () => {
    const body = { intersects: { type: 'Polygon', coordinates: [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]] }, limit: 5 };
    const response = await rig.svc.api('/api/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    const page = (await response.json()) as ItemCollection;
    expect(page.features).toHaveLength(5);
    const next = page.links.find((l) => l.rel === 'next')!;
    expect(next.method).toBe('POST');
    const second = await rig.svc.api('/api/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(next.body) });
    const page2 = (await second.json()) as ItemCollection;
    expect(page2.features.map((f) => f.id).filter((id) => page.features.some((f) => f.id === id))).toEqual([]);
  });

  it('rejects bbox together with intersects', async () => {
    const response = await rig.svc.api('/api/v1/search', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bbox: [0, 0, 1, 1], intersects: { type: 'Point', coordinates: [0, 0] } }),
    });
    expect(response.status).toBe(400);
  });
});

describe('GET /api/v1/scenes/{id} and /api/v1/sources', () => {
  it('fetches a scene by id from its source', async () => {
    for (const source of ['sentinel-2', 'landsat', 'planetary-computer']) {
      const { body } = await search(`${WORLD}&limit=1&sources=${source}`);
      const listed = body.features[0];
      const response = await rig.svc.api(`/api/v1/scenes/${listed.id}`);
      expect(response.status, listed.id).toBe(200);
      const item = (await response.json()) as StacItem;
      expect(item.id).toBe(listed.id);
      expect(validateStacItem(item)).toEqual([]);
    }
  });

  it('404 for an unknown scene, 400 for a malformed id', async () => {
    expect((await rig.svc.api('/api/v1/scenes/sentinel-2:S2A_00XXX_20990101_0_L2A')).status).toBe(404);
    const malformed = await rig.svc.api('/api/v1/scenes/not-a-scoped-id');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { parameter: string } }).error.parameter).toBe('id');
  });

  it('lists the sources with reachability from their last use', async () => {
    await search(`${WORLD}&limit=1`);
    const response = await rig.svc.api('/api/v1/sources');
    const { sources } = (await response.json()) as { sources: Array<{ id: string; reachable: boolean; collections: string[] }> };
    expect(sources.map((s) => s.id)).toEqual(['sentinel-2', 'landsat', 'planetary-computer']);
    expect(sources.every((s) => s.reachable === true)).toBe(true);
    expect(sources[0].collections).toContain('sentinel-2-l2a');
  });
});
