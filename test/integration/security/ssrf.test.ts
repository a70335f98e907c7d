/**
 * Asset links cannot make the service fetch from anywhere: an item served by the fake Earth
 * Search catalog names hosts that are not allowed (a "secret" loopback server on another port,
 * cloud metadata, file:, IPv6 loopback, a name resolving to loopback), directly or through
 * redirects of the allowed fake file host. Each is refused with a 502 `upstream_error` naming the
 * host — and the secret server never sees a connection. Allowed hosts (configured origins, the
 * same origin after a redirect, an ASTRA_DATA_HOSTS origin) still work, and a catalog's `next`
 * link naming another host is never fetched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneItemShifted, startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { FIXTURE, FIXTURES_DIR, readFixtureJson, type Json } from '../../helpers/fake-upstream/fixture-files';
import { startTestService, type TestService } from '../../helpers/test-service';
import { patternBytes, startLoopbackFiles, type LoopbackFiles } from './helpers/loopback-files';

const SCENE = 'sentinel-2:S2A_29RKH_20200219_0_L2A';
const B08_FILE = join(FIXTURES_DIR, 'rasters', 'sentinel-2-l2a_S2A_29RKH_20200219', 'B08.tif');
const SECRET_SIZE = 256 * 1024;

let fake: FakeUpstream;
let secret: LoopbackFiles;
let svc: TestService;

function withHrefs(item: Json, hrefs: Record<string, string>): Json {
  const assets = item.assets as Record<string, Json>;
  return { ...item, assets: Object.fromEntries(Object.entries(hrefs).map(([key, href]) => [key, { ...assets[key], href }])) };
}

function catalogUrls(base: string) {
  return { earthSearchUrl: `${base}/earth-search/v1`, landsatLookUrl: `${base}/landsatlook/stac-server`, planetaryComputerUrl: `${base}/planetary-computer/api/stac/v1`, pcSasUrl: `${base}/planetary-computer/api/sas/v1`, upstreamTimeoutMs: 5000 };
}

async function readBand(service: TestService, band: string, range = 'bytes=0-99'): Promise<{ status: number; body: Buffer; type: string | null }> {
  const response = await service.api(`/api/v1/scenes/${encodeURIComponent(SCENE)}/assets/${band}/cog`, { headers: { range } });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

async function expectRefused(band: string, host: string | RegExp): Promise<string> {
  const { status, body, type } = await readBand(svc, band);
  expect(type).toMatch(/^application\/json/);
  const { error } = JSON.parse(body.toString()) as { error: { code: string; message: string } };
  expect(status, error.message).toBe(502);
  expect(error.code).toBe('upstream_error');
  expect(error.message).toMatch(host);
  expect(error.message).toMatch(/refused to fetch from/);
  return error.message;
}

beforeAll(async () => {
  secret = await startLoopbackFiles();
  secret.put('/secret.tif', SECRET_SIZE);
  fake = await startFakeUpstream({ items: { earthSearch: [], planetaryComputer: [], landsatLook: [] } });
  const ok = fake.serveFile('/cogs/B08.tif', B08_FILE);
  const item = withHrefs(readFixtureJson(FIXTURE.esRasterItem29RKH), {
    red: `${secret.url}/secret.tif`,
    nir: fake.serveRedirect('/r/to-ok', '/cogs/B08.tif', 307),
    green: fake.serveRedirect('/r/to-secret', `${secret.url}/secret.tif`),
    blue: fake.serveRedirect('/r/to-metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    coastal: 'file:///etc/passwd',
    rededge1: 'https://169.254.169.254/latest/meta-data/',
    rededge2: fake.serveRedirect('/r/loop', '/r/loop'),
    rededge3: `https://localhost:${secret.port}/secret.tif`,
    nir08: `http://[::1]:${secret.port}/secret.tif`,
    swir16: 'https://sentinel-cogs.s3.us-west-2.amazonaws.com.evil.example/B11.tif',
    swir22: fake.serveRedirect('/r/to-mapped', `https://[::ffff:127.0.0.1]:${secret.port}/secret.tif`),
    scl: 's3://sentinel-s2-l2a/tiles/29/R/KH/2020/2/19/0/SCL.jp2',
    visual: 'data:image/tiff;base64,SUkqAA==',
  });
  expect(ok).toBe(`${fake.url}/cogs/B08.tif`);
  fake.items.earthSearch.push(item);
  // `localhost:<port>` is an allowed host name here, to show that a name resolving to loopback is refused anyway.
  svc = await startTestService(catalogUrls(fake.url), { ASTRA_DATA_HOSTS: `localhost:${secret.port}` });
});

afterAll(async () => {
  await svc?.close();
  await fake?.close();
  await secret?.close();
});

describe('asset links outside the allowed data hosts', () => {
  it('follows a redirect to the same configured origin and serves the real bytes', async () => {
    const { status, body } = await readBand(svc, 'B08', 'bytes=100-199');
    expect(status).toBe(206);
    expect(body.equals(readFileSync(B08_FILE).subarray(100, 200))).toBe(true);
    expect(fake.requestsTo('files').map((r) => r.path)).toEqual(expect.arrayContaining(['/r/to-ok', '/cogs/B08.tif']));
  });

  it('refuses a loopback server on another port before any request', async () => {
    await expectRefused('B04', `127.0.0.1:${secret.port}`);
    expect(secret.connections).toBe(0);
  });

  it('refuses a redirect from the allowed file host to that server', async () => {
    const before = fake.requestsTo('files', '/r/to-secret').length;
    await expectRefused('B03', `127.0.0.1:${secret.port}`);
    expect(fake.requestsTo('files', '/r/to-secret').length).toBe(before + 1);
    expect(secret.connections).toBe(0);
  });

  it('refuses cloud metadata, directly over https and through a redirect', async () => {
    await expectRefused('B05', '169.254.169.254');
    await expectRefused('B02', '169.254.169.254');
  });

  it('refuses IPv6 loopback and an IPv4-mapped loopback behind a redirect', async () => {
    await expectRefused('B8A', `[::1]:${secret.port}`);
    await expectRefused('B12', /\[::ffff:7f00:1\]/);
    expect(secret.connections).toBe(0);
  });

  it('refuses an allowed host name that resolves to a loopback address', async () => {
    const message = await expectRefused('B07', `localhost:${secret.port}`);
    expect(message).toMatch(/resolves to (127\.0\.0\.1|::1)/);
    expect(secret.connections).toBe(0);
  });

  it('refuses schemes other than http(s) and look-alike hosts', async () => {
    await expectRefused('B01', /file:/);
    await expectRefused('SCL', /s3:|sentinel-s2-l2a/);
    await expectRefused('visual', /data:/);
    await expectRefused('B11', 'sentinel-cogs.s3.us-west-2.amazonaws.com.evil.example');
  });

  it('gives up on a redirect loop after a bounded number of hops', async () => {
    const before = fake.requestsTo('files', '/r/loop').length;
    const response = await svc.api(`/api/v1/scenes/${encodeURIComponent(SCENE)}/assets/B06/cog`, { headers: { range: 'bytes=0-9' } });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/redirected more than \d+ times/);
    expect(fake.requestsTo('files', '/r/loop').length - before).toBeLessThanOrEqual(6);
  });

  it('keeps serving afterwards', async () => {
    expect((await svc.api('/api/v1/health')).status).toBe(200);
    expect((await readBand(svc, 'B08')).status).toBe(206);
  });
});

describe('a catalog whose next link names another host', () => {
  let catalog: Server;
  let service: TestService;
  const received: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const first = readFixtureJson(FIXTURE.esRasterItem29RKH);
    const second = cloneItemShifted(first, -10);
    catalog = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => { text += chunk; });
      req.on('end', () => {
        const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        received.push(body);
        const page = body.next === 'page-2'
          ? { type: 'FeatureCollection', features: [second], links: [] }
          : {
            type: 'FeatureCollection', features: [first], context: { matched: 2, returned: 1 },
            links: [{ rel: 'next', method: 'POST', merge: false, href: `${secret.url}/search?next=page-2`, body: { ...body, next: 'page-2' } }],
          };
        res.writeHead(200, { 'content-type': 'application/geo+json' });
        res.end(JSON.stringify(page));
      });
    });
    await new Promise<void>((resolve) => catalog.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(catalog.address() as AddressInfo).port}`;
    service = await startTestService(catalogUrls(base));
  });

  afterAll(async () => {
    await service?.close();
    await new Promise((resolve) => catalog.close(resolve));
  });

  it('pages with the token against the configured catalog only; the other host gets nothing', async () => {
    const search = async (cursor?: string) => {
      const query = new URLSearchParams({ bbox: '-12.6,23.9,-10.3,25.7', sources: 'sentinel-2', limit: '1', ...(cursor ? { cursor } : {}) });
      const response = await service.api(`/api/v1/search?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { features: Array<{ id: string }>; links: Array<{ rel: string; href: string }> };
    };
    const page1 = await search();
    const next = page1.links.find((link) => link.rel === 'next');
    expect(next).toBeDefined();
    const page2 = await search(new URL(next!.href).searchParams.get('cursor') ?? undefined);
    expect([...page1.features, ...page2.features].map((f) => f.id)).toEqual(['sentinel-2:S2A_29RKH_20200219_0_L2A', 'sentinel-2:S2A_29RKH_20200209_0_L2A']);
    // Page requests only: id listings for the count (STAC `fields`) go to the same catalog.
    const pageRequests = received.filter((body) => body.fields === undefined);
    expect(pageRequests.map((body) => body.next ?? null)).toEqual([null, 'page-2']);
    expect(secret.connections).toBe(0);
  });
});

describe('ASTRA_DATA_HOSTS', () => {
  it('lets an operator allow a mirror on a private address by its origin', async () => {
    const mirrored = await startTestService(catalogUrls(fake.url), { ASTRA_DATA_HOSTS: `https://mirror.example.org, ${secret.url}` });
    try {
      const { status, body } = await readBand(mirrored, 'B04', 'bytes=1000-1099');
      expect(status).toBe(206);
      expect(body.equals(patternBytes(1000, 1099))).toBe(true);
      expect(secret.connections).toBeGreaterThan(0);
    } finally {
      await mirrored.close();
    }
  });

});
