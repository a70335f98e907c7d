/** /api/v1/stac as a STAC API client sees it (openapi.json against the contract: test/integration/service/api-contract.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';
import { stacNodeValidate } from '../../helpers/stac-node-validation';
import { validateStacItem } from '../../helpers/stac-validator';

let rig: SearchRig;
beforeAll(async () => { rig = await startSearchRig(); });
afterAll(async () => { await rig?.close(); });

const json = async (path: string, init?: RequestInit) => {
  const response = await rig.svc.api(path, init);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON documents in assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('STAC API at /api/v1/stac', () => {
  it('has a landing page with conformance, collections and search links', async () => {
    const { status, body } = await json('/api/v1/stac');
    expect(status).toBe(200);
    expect(body.type).toBe('Catalog');
    expect(body.conformsTo).toContain('https://api.stacspec.org/v1.0.0/item-search');
    const rels = body.links.map((l: { rel: string }) => l.rel);
    for (const rel of ['self', 'root', 'conformance', 'data', 'search', 'service-desc']) expect(rels).toContain(rel);
    const conformance = await json('/api/v1/stac/conformance');
    expect(conformance.body.conformsTo).toEqual(body.conformsTo);
  });

  it('lists each upstream collection once, under a source-scoped id that resolves, and 404s an unknown one', async () => {
    const { body } = await json('/api/v1/stac/collections');
    const ids: string[] = body.collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(['sentinel-2:sentinel-2-l2a', 'sentinel-2:sentinel-2-c1-l2a', 'landsat:landsat-c2l2-sr',
      'planetary-computer:sentinel-2-l2a', 'planetary-computer:landsat-c2-l2']);
    for (const listed of body.collections) {
      const self = listed.links.find((l: { rel: string }) => l.rel === 'self').href as string;
      const fetched = await json(self.replace(rig.svc.url, ''));
      expect(fetched.status, self).toBe(200);
      expect(fetched.body).toEqual(listed);
    }
    // Percent-encoded ids resolve too.
    expect((await json('/api/v1/stac/collections/planetary-computer%3Asentinel-2-l2a')).body.id).toBe('planetary-computer:sentinel-2-l2a');
    for (const unknown of ['nope', 'sentinel-2-l2a', 'landsat:sentinel-2-l2a']) {
      const { status, body: error } = await json(`/api/v1/stac/collections/${unknown}`);
      expect(status).toBe(404);
      expect(error.error.code).toBeDefined();
      expect((await json(`/api/v1/stac/collections/${unknown}/items`)).status).toBe(404);
    }
  });

  it('serves each collection\'s items at its items link; items name that collection and link back to it', async () => {
    const { body } = await json('/api/v1/stac/collections');
    const seen = new Set<string>();
    for (const listed of body.collections) {
      const itemsHref = listed.links.find((l: { rel: string }) => l.rel === 'items').href as string;
      const page = await json(`${itemsHref.replace(rig.svc.url, '')}?limit=4`);
      expect(page.status, itemsHref).toBe(200);
      expect(page.body.type).toBe('FeatureCollection');
      for (const item of page.body.features) {
        expect(item.collection).toBe(listed.id);
        const link = item.links.find((l: { rel: string }) => l.rel === 'collection').href as string;
        expect((await json(link.replace(rig.svc.url, ''))).body.id).toBe(listed.id);
        seen.add(listed.id);
      }
    }
    // Both catalogs' sentinel-2-l2a have items, each under its own collection.
    expect(seen).toContain('sentinel-2:sentinel-2-l2a');
    expect(seen).toContain('planetary-computer:sentinel-2-l2a');
  });

  it('searches by source-scoped collection ids: only those collections answer', async () => {
    const { status, body } = await json('/api/v1/stac/search?bbox=-180,-90,180,90&collections=planetary-computer:sentinel-2-l2a,sentinel-2:sentinel-2-c1-l2a&limit=100');
    expect(status).toBe(200);
    const collections = new Set(body.features.map((f: { collection: string }) => f.collection));
    expect([...collections].sort()).toEqual(['planetary-computer:sentinel-2-l2a', 'sentinel-2:sentinel-2-c1-l2a']);
    const post = await json('/api/v1/stac/search', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bbox: [-180, -90, 180, 90], collections: ['sentinel-2:sentinel-2-l2a'], limit: 100 }),
    });
    expect(new Set(post.body.features.map((f: { collection: string }) => f.collection))).toEqual(new Set(['sentinel-2:sentinel-2-l2a']));
  });

  it('clamps a limit above the maximum instead of refusing it, as the STAC API spec asks', async () => {
    const { status, body } = await json('/api/v1/stac/search?bbox=-180,-90,180,90&limit=10000');
    expect(status).toBe(200);
    expect(body.context.limit).toBe(500);
  });

  it('is valid STAC to stac-node-validator: landing page, collections, search results and collection items', async () => {
    const landing = (await json('/api/v1/stac')).body;
    const collections = (await json('/api/v1/stac/collections')).body;
    const search = (await json('/api/v1/stac/search?bbox=-180,-90,180,90&limit=60')).body;
    const items = (await json('/api/v1/stac/collections/planetary-computer:sentinel-2-l2a/items?limit=20')).body;
    expect(search.features.length).toBeGreaterThan(20);
    expect(items.features.length).toBeGreaterThan(0);
    for (const [name, document] of [['landing page', landing], ['collections', collections], ['search', search], ['items', items]] as const) {
      expect(await stacNodeValidate(document), name).toEqual([]);
    }
    // The validator does reject what is not STAC (so the passes above mean something).
    expect((await stacNodeValidate({ ...landing, links: 'none' })).length).toBeGreaterThan(0);
    expect((await stacNodeValidate({ ...search.features[0], geometry: { type: 'Polygon' } })).length).toBeGreaterThan(0);
  });

  it('searches with STAC parameters (query extension, collections) and pages with token', async () => {
    const query = encodeURIComponent(JSON.stringify({ 'eo:cloud_cover': { lt: 50 } }));
    const { status, body } = await json(`/api/v1/stac/search?bbox=-180,-90,180,90&collections=sentinel-2-l2a,landsat-c2-l2&query=${query}&limit=3`);
    expect(status).toBe(200);
    expect(body.features.length).toBe(3);
    for (const item of body.features) {
      // Unscoped upstream ids still search every source that has them; items carry the scoped id.
      expect(item.collection).toMatch(/^(sentinel-2|planetary-computer):(sentinel-2-l2a|landsat-c2-l2)$/);
      expect(item.properties['eo:cloud_cover']).toBeLessThan(50);
      expect(item.links.some((l: { rel: string }) => l.rel === 'collection')).toBe(true);
      expect(validateStacItem(item)).toEqual([]);
    }
    const next = body.links.find((l: { rel: string }) => l.rel === 'next');
    expect(next.href).toContain('token=');
    const page2 = await json(next.href.replace(rig.svc.url, ''));
    expect(page2.status).toBe(200);
    const firstIds = body.features.map((f: { id: string }) => f.id);
    expect(page2.body.features.filter((f: { id: string }) => firstIds.includes(f.id))).toEqual([]);
  });

  it('rejects an unsupported query extension filter naming `query`', async () => {
    const query = encodeURIComponent(JSON.stringify({ platform: { eq: 'x' } }));
    const { status, body } = await json(`/api/v1/stac/search?bbox=0,0,1,1&query=${query}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe('query');
  });
});
