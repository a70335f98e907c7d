import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAsset } from '../../../electron/service/api/contract';
import type { FakeUpstream } from '../../helpers/fake-upstream';
import type { TestService } from '../../helpers/test-service';
import { cogUrl, openThroughProxy, readWindow, readWindowFromFile, startCacheRig, type CacheRig, type CogFiles } from './helpers/cache-rig';
import { LANDSAT_SCENE, PC_S2_SCENE, S2_SCENE } from './helpers/test-items';

let rig: CacheRig;
let upstream: FakeUpstream;
let svc: TestService;
let cogs: CogFiles;
let b04: Buffer;

/** The success or the error body of GET /scenes/{id}/assets. */
interface AssetsAnswer {
  scene: string;
  assets: Record<string, ResolvedAsset>;
  error: { code: string; message: string; parameter?: string };
}

beforeAll(async () => {
  rig = await startCacheRig();
  ({ fake: upstream, svc, cogs } = rig);
  b04 = readFileSync(cogs.b04);
});
afterAll(async () => { await rig?.close(); });

const get = (range?: string, extra: Record<string, string> = {}) =>
  svc.api(cogUrl(svc, S2_SCENE, 'B04').slice(svc.url.length), { headers: { ...(range ? { range } : {}), ...extra } });

describe('COG byte proxy', () => {
  it('serves a geotiff.js window read equal to reading the file itself, and the repeat costs zero upstream requests', async () => {
    const window: [number, number, number, number] = [300, 200, 812, 712];
    const expected = await readWindowFromFile(cogs.b04, window);
    upstream.resetLog();
    expect(await readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), window)).toEqual(expected);
    expect(upstream.fileRequests('/cogs/B04.tif').length).toBeGreaterThan(0);
    upstream.resetLog();
    expect(await readWindow(await openThroughProxy(svc, S2_SCENE, 'red'), window)).toEqual(expected);
    expect(upstream.fileRequests()).toHaveLength(0);
    const overview = await readWindowFromFile(cogs.b04, [0, 0, 200, 200], 1);
    expect(await readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), [0, 0, 200, 200], 1)).toEqual(overview);
  });

  it('honours single, suffix and open ranges with Content-Range, Content-Length, Accept-Ranges and ETag', async () => {
    const size = b04.length;
    const cases: Array<[string, number, number]> = [['bytes=100-1099', 100, 1099], ['bytes=-500', size - 500, size - 1], [`bytes=${size - 70_000}-`, size - 70_000, size - 1], ['bytes=0-0', 0, 0], [`bytes=10-${size + 999}`, 10, size - 1]];
    for (const [range, start, end] of cases) {
      const response = await get(range);
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      expect(Buffer.from(await response.arrayBuffer()).equals(b04.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 with Content-Range */size for a range past the end, and 200 for no or several ranges', async () => {
    const unsatisfiable = await get(`bytes=${b04.length}-`);
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe(`bytes */${b04.length}`);
    expect(((await unsatisfiable.json()) as { error: { code: string } }).error.code).toBe('range_not_satisfiable');
    expect((await get('bytes=-0')).status).toBe(416);
    for (const range of [undefined, 'bytes=0-10,20-30', 'items=0-10']) {
      const whole = await get(range);
      expect(whole.status, String(range)).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(b04)).toBe(true);
    }
  });

  it('answers HEAD with the headers only, and 304 to a matching If-None-Match', async () => {
    const head = await svc.api(cogUrl(svc, S2_SCENE, 'B04').slice(svc.url.length), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(b04.length));
    expect(head.headers.get('content-type')).toBe('image/tiff');
    const etag = head.headers.get('etag') as string;
    expect((await get(undefined, { 'if-none-match': etag })).status).toBe(304);
    expect((await get('bytes=0-9', { 'if-range': '"stale"' })).status).toBe(200);
  });

  it('streams a whole file bigger than one buffered chunk', async () => {
    const cog = readFileSync(cogs.b08);
    const response = await svc.api(cogUrl(svc, S2_SCENE, 'B08').slice(svc.url.length));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(cog)).toBe(true);
  });

  it('reads Landsat pixels through the Planetary Computer copy (signed by the proxy)', async () => {
    const window: [number, number, number, number] = [0, 0, 256, 256];
    expect(await readWindow(await openThroughProxy(svc, LANDSAT_SCENE, 'red'), window)).toEqual(await readWindowFromFile(cogs.landsat, window));
    expect(upstream.tokenRequests()).toBeGreaterThan(0);
  });
});

describe('GET /api/v1/scenes/{id}/assets', () => {
  const assets = async (scene: string, query: string) => {
    const response = await svc.api(`/api/v1/scenes/${encodeURIComponent(scene)}/assets?${query}`);
    return { status: response.status, body: (await response.json()) as AssetsAnswer };
  };

  it('resolves common names, prefers the COG, and routes public bytes public until they are cached', async () => {
    await svc.api('/api/v1/cache?scope=tiles', { method: 'DELETE' });
    const before = await assets(S2_SCENE, 'bands=nir,red&format=cog');
    expect(before.status).toBe(200);
    expect(before.body.scene).toBe(S2_SCENE);
    expect(before.body.assets.nir).toEqual({ href: `${upstream.url}/cogs/B08.tif`, type: 'image/tiff; application=geotiff; profile=cloud-optimized', gsd: 10, expires_at: null, route: 'public', asset: 'B08' });
    expect(before.body.assets.red.asset).toBe('B04');
    await openThroughProxy(svc, S2_SCENE, 'B08');
    const after = await assets(S2_SCENE, 'bands=nir');
    expect(after.body.assets.nir).toMatchObject({ href: cogUrl(svc, S2_SCENE, 'B08'), route: 'cache', expires_at: null });
  });

  it('signs Planetary Computer hrefs and says when they expire', async () => {
    const { body } = await assets(PC_S2_SCENE, 'bands=B04');
    expect(body.assets.B04.route).toBe('signed');
    expect(body.assets.B04.href).toMatch(/^https:\/\/sentinel2l2a01\.blob\.core\.windows\.net\/.*_B04_10m\.tif\?.*sig=/);
    expect(Date.parse(body.assets.B04.expires_at as string)).toBeGreaterThan(Date.now());
  });

  it('routes LandsatLook hrefs to the Planetary Computer copy of the scene', async () => {
    await svc.api('/api/v1/cache?scope=tiles', { method: 'DELETE' });
    const { body } = await assets(LANDSAT_SCENE, 'bands=red');
    expect(body.assets.red.route).toBe('alternate');
    expect(body.assets.red.href).toMatch(/^https:\/\/landsateuwest\.blob\.core\.windows\.net\/landsat-c2\/.*_SR_B4\.TIF\?.*sig=/);
    expect(body.assets.red.expires_at).not.toBeNull();
  });

  it('resolves every COG asset of the scene for format=cog without bands (the service decides which are COGs)', async () => {
    const all = await assets(S2_SCENE, 'format=cog');
    expect(all.status).toBe(200);
    // Not B04-jp2 (JPEG 2000) nor the JPEG thumbnail.
    expect(Object.keys(all.body.assets).sort()).toEqual(['B04', 'B08', 'visual']);
    expect(all.body.assets.B08).toMatchObject({ asset: 'B08', type: 'image/tiff; application=geotiff; profile=cloud-optimized', gsd: 10 });
    expect(Object.keys((await assets(LANDSAT_SCENE, 'format=cog')).body.assets)).toEqual(['SR_B4']);
    const without = await assets(S2_SCENE, '');
    expect(without.status).toBe(400);
    expect(without.body.error.parameter).toBe('bands');
  });

  it('answers 400 naming the valid bands, 404 for an unknown scene, 400 for a malformed id or format', async () => {
    const unknown = await assets(S2_SCENE, 'bands=B04,swir99');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.parameter).toBe('bands');
    expect(unknown.body.error.message).toMatch(/swir99.*valid bands: .*B04.*B08.*nir.*red/);
    expect((await assets('sentinel-2:NOPE', 'bands=B04')).status).toBe(404);
    const malformed = await assets('nope', 'bands=B04');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.parameter).toBe('id');
    const format = await assets(S2_SCENE, 'bands=B04&format=jp2');
    expect(format.status).toBe(400);
    expect(format.body.error.parameter).toBe('format');
    expect((await assets(S2_SCENE, 'bands=B04,,B08')).status).toBe(400);
  });
});

describe('GET|DELETE /api/v1/cache and the offline switch', () => {
  it('reports counts, clears tiles, and offline serves only what is cached', async () => {
    await svc.api('/api/v1/cache?scope=all', { method: 'DELETE' });
    svc.service.context.cache.items.upsertMany([(await import('./helpers/test-items')).s2Item(upstream.url)]);
    await readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), [0, 0, 100, 100]);
    const report = (await (await svc.api('/api/v1/cache')).json()) as Record<string, number>;
    expect(report.items).toBe(1);
    expect(report.blocks).toBeGreaterThan(0);
    expect(report.bytes).toBeGreaterThan(0);
    expect(report.limit).toBe(5 * 1024 ** 3);
    expect(report.hit_ratio).toBeGreaterThanOrEqual(0);

    const put = await svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offline: true }) });
    expect(await put.json()).toEqual({ offline: true, results_max_age_days: null, results_max_bytes: null, openeo_backends: [] });
    expect(((await (await svc.api('/api/v1/health')).json()) as { offline: boolean }).offline).toBe(true);
    upstream.resetLog();
    const cached = await readWindow(await openThroughProxy(svc, S2_SCENE, 'B04'), [0, 0, 100, 100]);
    expect(cached).toEqual(await readWindowFromFile(cogs.b04, [0, 0, 100, 100]));
    const missing = await get(`bytes=${b04.length - 100}-`);
    expect(missing.status).toBe(503);
    expect(upstream.fileRequests()).toHaveLength(0);
    const resolved = (await (await svc.api(`/api/v1/scenes/${encodeURIComponent(S2_SCENE)}/assets?bands=B08`)).json()) as AssetsAnswer;
    expect(resolved.assets.B08.route).toBe('cache');
    await svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offline: false }) });
    expect((await svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"offline":"maybe"}' })).status).toBe(400);

    const cleared = (await (await svc.api('/api/v1/cache?scope=tiles', { method: 'DELETE' })).json()) as Record<string, number>;
    expect(cleared.blocks).toBe(0);
    expect(cleared.bytes).toBe(0);
    expect(cleared.items).toBe(1);
    expect((await svc.api('/api/v1/cache?scope=everything', { method: 'DELETE' })).status).toBe(400);
  });
});
