/** /api/v1/stac as a STAC API client sees it, and /api/v1/openapi.json covering every route. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchRig, type SearchRig } from '../../helpers/search-service';
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

  it('lists the searchable collections and 404s an unknown one', async () => {
    const { body } = await json('/api/v1/stac/collections');
    const ids = body.collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['sentinel-2-l2a', 'sentinel-2-c1-l2a', 'landsat-c2l2-sr', 'landsat-c2-l2']));
    expect((await json('/api/v1/stac/collections/sentinel-2-l2a')).body.type).toBe('Collection');
    expect((await json('/api/v1/stac/collections/nope')).status).toBe(404);
  });

  it('searches with STAC parameters (query extension, collections) and pages with token', async () => {
    const query = encodeURIComponent(JSON.stringify({ 'eo:cloud_cover': { lt: 50 } }));
    const { status, body } = await json(`/api/v1/stac/search?bbox=-180,-90,180,90&collections=sentinel-2-l2a,landsat-c2-l2&query=${query}&limit=3`);
    expect(status).toBe(200);
    expect(body.features.length).toBe(3);
    for (const item of body.features) {
      expect(['sentinel-2-l2a', 'landsat-c2-l2']).toContain(item.collection);
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

describe('/api/v1/openapi.json', () => {
  it('documents every registered API route', async () => {
    const { status, body } = await json('/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const missing = rig.svc.service.routes
      .filter((r) => r.url.startsWith('/api/v1') && r.method !== 'OPTIONS')
      // fastify adds HEAD to every GET on its own.
      .filter((r, _i, all) => r.method !== 'HEAD' || !all.some((o) => o.method === 'GET' && o.url === r.url) || r.url.endsWith('/cog'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });
});
