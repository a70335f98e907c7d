/**
 * The fake upstream is only useful if it behaves like the real catalogs: these tests replay the
 * recorded requests (fixtures/stac-responses/requests-index.json) and compare with the recorded
 * answers, and check its byte serving with GDAL as an independent HTTP Range client.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, FIXTURES_DIR, fixtureFeatures, readFixtureJson, type Json } from '../../helpers/fake-upstream/fixture-files';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import { applyFields } from '../../helpers/fake-upstream/fields-extension';

const run = promisify(execFile);
const COG = join(FIXTURES_DIR, 'rasters/sentinel-2-l2a_S2A_29RKH_20200219/B04.tif');
const COG_BYTES = readFileSync(COG);

let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake?.close());

interface Recorded { request: { method: string; json_body: Json | null } }
const recorded = readFixtureJson('stac-responses/requests-index.json') as unknown as Record<string, Recorded>;

async function replay(base: string, fixture: string): Promise<Json> {
  const { request } = recorded[fixture.replace('stac-responses/', '')];
  const response = await fetch(`${base}/search`, { method: request.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json_body) });
  expect(response.status).toBe(200);
  return await response.json() as Json;
}

function featureIds(body: Json): string[] {
  return (body.features as Json[]).map((feature) => String(feature.id));
}

describe('replaying recorded searches', () => {
  it('Earth Search: same items, same counts, and an empty page after the recorded next token', async () => {
    const page1 = await replay(fake.earthSearchUrl, FIXTURE.esS2AndLandsatPage1);
    const real1 = readFixtureJson(FIXTURE.esS2AndLandsatPage1);
    expect(featureIds(page1)).toEqual(featureIds(real1));
    expect([page1.numberMatched, (page1.context as Json).matched]).toEqual([real1.numberMatched, (real1.context as Json).matched]);
    const next = (page1.links as Json[]).find((link) => link.rel === 'next') as Json;
    const realNext = (real1.links as Json[]).find((link) => link.rel === 'next') as Json;
    expect(next).toMatchObject({ method: 'POST', merge: false, body: realNext.body });
    const page2 = await replay(fake.earthSearchUrl, 'stac-responses/earth-search/earth-search_sentinel-2-l2a+landsat-c2-l2_search_page2-empty.json');
    expect(featureIds(page2)).toEqual([]);
  });

  it('Planetary Computer: same 33 items in the same order, no next link and no counts', async () => {
    const body = await replay(fake.planetaryComputerUrl, FIXTURE.pcS2Search);
    const real = readFixtureJson(FIXTURE.pcS2Search);
    expect(featureIds(body)).toEqual(featureIds(real));
    expect((body.links as Json[]).some((link) => link.rel === 'next')).toBe(false);
    expect(body.numberMatched).toBeUndefined();
    expect(body.context).toBeUndefined();
  });

  it('Planetary Computer: token paging gives the recorded pages, with the recorded token', async () => {
    const page1 = await replay(fake.planetaryComputerUrl, FIXTURE.pcNaipPage1);
    expect(featureIds(page1)).toEqual(featureIds(readFixtureJson(FIXTURE.pcNaipPage1)));
    const next = (page1.links as Json[]).find((link) => link.rel === 'next') as Json;
    expect((next.body as Json).token).toBe(recorded[FIXTURE.pcNaipPage2.replace('stac-responses/', '')].request.json_body?.token);
    const page2 = await replay(fake.planetaryComputerUrl, FIXTURE.pcNaipPage2);
    expect(featureIds(page2)).toEqual(featureIds(readFixtureJson(FIXTURE.pcNaipPage2)));
  });

  it('serves the recorded item by id, and a STAC 404 otherwise', async () => {
    const [item] = fixtureFeatures(FIXTURE.pcS2Item);
    const found = await fetch(`${fake.planetaryComputerUrl}/collections/sentinel-2-l2a/items/${String(item.id)}`);
    expect(await found.json()).toEqual(item);
    const missing = await fetch(`${fake.landsatLookUrl}/collections/landsat-c2l2-sr/items/nope`);
    expect(missing.status).toBe(404);
  });
});

describe('the fields extension, as the catalogs apply it', () => {
  it('keeps the default set plus what is included, minus what is excluded, and never changes the pool item', () => {
    const item = fixtureFeatures(FIXTURE.pcS2Item)[0];
    const before = JSON.stringify(item);
    const listed = applyFields(item, { include: ['id', 'properties.platform', 'properties.s2:mgrs_tile'], exclude: ['geometry', 'assets', 'links', 'bbox'] });
    expect(Object.keys(listed).sort()).toEqual(['collection', 'id', 'properties', 'stac_version', 'type']);
    const props = item.properties as Json;
    expect(listed.properties).toEqual({ datetime: props.datetime, platform: props.platform, 's2:mgrs_tile': props['s2:mgrs_tile'] });
    const whole = applyFields(item, { include: ['properties'], exclude: ['properties.datetime', 'assets'] });
    expect(Object.keys(whole.properties as Json)).toEqual(Object.keys(props).filter((key) => key !== 'datetime'));
    expect(whole.assets).toBeUndefined();
    expect(JSON.stringify(item)).toBe(before);
  });

  it('is honoured by every catalog\'s search; Planetary Computer still reports no count', async () => {
    const fields = { include: ['id', 'properties.datetime'], exclude: ['geometry', 'assets', 'links', 'bbox'] };
    for (const root of [fake.earthSearchUrl, fake.planetaryComputerUrl, fake.landsatLookUrl]) {
      const response = await fetch(`${root}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 5000, fields }) });
      const body = await response.json() as Json;
      const features = body.features as Json[];
      expect(features.length, root).toBeGreaterThan(0);
      for (const feature of features) expect(Object.keys(feature).sort()).toEqual(['collection', 'id', 'properties', 'stac_version', 'type'].filter((key) => key in feature));
    }
    const pc = await fetch(`${fake.planetaryComputerUrl}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 5000, fields }) });
    expect(((await pc.json()) as Json).numberMatched).toBeUndefined();
  });
});

describe('items served as stored JSON (storedItemJson, the search benchmark)', () => {
  it('answers every catalog\'s search with the same body text as stringifying the page', async () => {
    const stored = await startFakeUpstream({ storedItemJson: true, volume: { earthSearch: 30, planetaryComputer: 30, landsatLook: 30 } });
    const plain = await startFakeUpstream({ volume: { earthSearch: 30, planetaryComputer: 30, landsatLook: 30 } });
    try {
      for (const root of ['earthSearchUrl', 'planetaryComputerUrl', 'landsatLookUrl'] as const) {
        const text = async (fake: FakeUpstream) => {
          const response = await fetch(`${fake[root]}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 25 }) });
          expect(response.status).toBe(200);
          return (await response.text()).replaceAll(fake.url, 'ORIGIN');
        };
        const [a, b] = [await text(stored), await text(plain)];
        expect((JSON.parse(a) as Json).features).toHaveLength(25);
        expect(a).toBe(b);
        // Served again from the stored text.
        expect(await text(stored)).toBe(a);
      }
    } finally {
      await stored.close();
      await plain.close();
    }
  });
});

describe('serving COG bytes with HTTP Range', () => {
  let url: string;
  beforeAll(() => {
    url = fake.serveFile('/cogs/B04.tif', COG);
  });

  async function get(range?: string): Promise<Response> {
    return fetch(url, { headers: range ? { range } : {} });
  }

  it('answers single, open and suffix ranges with exactly those bytes', async () => {
    const size = COG_BYTES.length;
    const cases: Array<[string, number, number]> = [['bytes=0-15', 0, 15], ['bytes=1000-', 1000, size - 1], ['bytes=-100', size - 100, size - 1], ['bytes=10-999999999', 10, size - 1]];
    for (const [range, start, end] of cases) {
      const response = await get(range);
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(Buffer.from(await response.arrayBuffer()).equals(COG_BYTES.subarray(start, end + 1))).toBe(true);
    }
    const whole = await get();
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(COG_BYTES)).toBe(true);
  });

  it('answers 416 for ranges beyond the end', async () => {
    for (const range of [`bytes=${COG_BYTES.length}-`, 'bytes=-0']) {
      const response = await get(range);
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${COG_BYTES.length}`);
    }
  });

  it('is read by GDAL (/vsicurl) exactly like the local file', async () => {
    const env = { ...process.env, GDAL_DISABLE_READDIR_ON_OPEN: 'EMPTY_DIR', GDAL_PAM_ENABLED: 'NO', CPL_VSIL_CURL_USE_HEAD: 'NO' };
    const info = async (path: string): Promise<Json> => JSON.parse((await run('gdalinfo', ['-json', '-stats', path], { env })).stdout) as Json;
    const [remote, local] = await Promise.all([info(`/vsicurl/${url}`), info(COG)]);
    expect(remote.size).toEqual(local.size);
    expect(remote.geoTransform).toEqual(local.geoTransform);
    const stats = (body: Json) => (body.bands as Json[]).map((band) => [band.minimum, band.maximum, band.mean, band.stdDev]);
    expect(stats(remote)).toEqual(stats(local));
    expect(fake.requestsTo('files').some((request) => request.headers.range !== undefined)).toBe(true);
  });
});

describe('serving bytes from memory, with a request log', () => {
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

  it('serves in-memory bytes with Range and the given ETag, and logs status and bytes sent', async () => {
    const url = fake.serveFile('/mem/a.bin', data, { etag: '"a1"' });
    fake.resetLog();
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('etag')).toBe('"a1"');
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(100, 200))).toBe(true);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('5000');
    expect((await fetch(`${fake.url}/mem/missing.bin`)).status).toBe(404);
    expect(fake.fileRequests().map((r) => [r.method, r.path, r.status, r.bytes])).toEqual([
      ['GET', '/mem/a.bin', 206, 100], ['HEAD', '/mem/a.bin', 200, 0], ['GET', '/mem/missing.bin', 404, undefined],
    ]);
    expect(fake.bytesServed('/mem/a.bin')).toBe(100);
    // A default ETag follows the content.
    fake.serveFile('/mem/b.bin', data);
    const first = (await fetch(`${fake.url}/mem/b.bin`, { method: 'HEAD' })).headers.get('etag');
    fake.serveFile('/mem/b.bin', Buffer.concat([data, data]));
    expect((await fetch(`${fake.url}/mem/b.bin`, { method: 'HEAD' })).headers.get('etag')).not.toBe(first);
  });

  it('answers every Range with the whole file while faults.files.ignoreRange is set', async () => {
    const url = fake.serveFile('/mem/c.bin', data);
    fake.faults.files.ignoreRange = true;
    try {
      const whole = await fetch(url, { headers: { range: 'bytes=0-9' } });
      expect(whole.status).toBe(200);
      expect((await whole.arrayBuffer()).byteLength).toBe(data.length);
    } finally {
      fake.faults.files.ignoreRange = false;
    }
    expect((await fetch(url, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
  });
});

describe('Planetary Computer SAS tokens and private blobs', () => {
  const realToken = readFixtureJson(FIXTURE.pcSasToken);
  const paramNames = (token: string): string[] => [...new URLSearchParams(token).keys()];

  it('issues tokens shaped like the recorded one, with the configured lifetime', async () => {
    fake.sas.expirySeconds = 600;
    const response = await fetch(`${fake.sasUrl}/token/sentinel2l2a01/sentinel2-l2`);
    const body = await response.json() as { 'msft:expiry': string; token: string };
    expect(Object.keys(body).sort()).toEqual(Object.keys(realToken).sort());
    expect(paramNames(body.token)).toEqual(paramNames(String(realToken.token)));
    expect(Date.parse(body['msft:expiry']) - Date.now()).toBeGreaterThan(590_000);
    expect(Date.parse(body['msft:expiry']) - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('answers 409 unsigned, 403 for an expired or foreign token, and the bytes when signed', async () => {
    const blob = fake.serveBlob('sentinel2l2a01', 'sentinel2-l2', '29/R/KH/B04.tif', COG);
    expect((await fetch(blob)).status).toBe(409);
    fake.sas.expirySeconds = 3600;
    const valid = (await (await fetch(`${fake.sasUrl}/token/sentinel2l2a01/sentinel2-l2`)).json() as { token: string }).token;
    const signed = await fetch(`${blob}?${valid}`, { headers: { range: 'bytes=0-3' } });
    expect(signed.status).toBe(206);
    expect(Buffer.from(await signed.arrayBuffer()).equals(COG_BYTES.subarray(0, 4))).toBe(true);
    const other = (await (await fetch(`${fake.sasUrl}/token/landsateuwest/landsat-c2`)).json() as { token: string }).token;
    expect((await fetch(`${blob}?${other}`)).status).toBe(403);
    fake.sas.expirySeconds = 0;
    const expired = (await (await fetch(`${fake.sasUrl}/token/sentinel2l2a01/sentinel2-l2`)).json() as { token: string }).token;
    expect((await fetch(`${blob}?${expired}`)).status).toBe(403);
    expect((await fetch(`${blob}?${String(realToken.token)}`)).status).toBe(403);
  });

  it('serves private blobs from memory under blobUrl (ASTRA_PC_BLOB_URL), and counts token requests', async () => {
    const blob = fake.serveBlob('landsateuwest', 'landsat-c2', 'level-2/x.TIF', Buffer.from('blob bytes'));
    expect(blob).toBe(`${fake.blobUrl}/landsateuwest/landsat-c2/level-2/x.TIF`);
    fake.resetLog();
    fake.sas.expirySeconds = 3600;
    const token = (await (await fetch(`${fake.sasUrl}/token/landsateuwest/landsat-c2`)).json() as { token: string }).token;
    expect(fake.tokenRequests()).toBe(1);
    expect(await (await fetch(`${blob}?${token}`)).text()).toBe('blob bytes');
    fake.sas.issued.clear();
    expect((await fetch(`${blob}?${token}`)).status).toBe(403);
    expect(fake.fileRequests().map((r) => r.status)).toEqual([200, 403]);
  });
});
