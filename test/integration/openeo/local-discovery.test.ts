/**
 * The local openEO back-end's discovery, sign-in and catalogue through @openeo/js-client and plain
 * HTTP against a real service on loopback: /.well-known/openeo under the API root with absolute
 * version URLs, capabilities whose `endpoints` are exactly the openEO routes the service
 * registered (each an operation of the openEO API), basic sign-in with an ASTRA key (tokens die
 * with their key), collections with their data cube dimensions, every local process whatever
 * `limit` says. Every answer is checked against the vendored openapi.yaml.
 */
import { OpenEO } from '@openeo/js-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_COLLECTIONS, LOCAL_PROCESS_IDS } from '../../../electron/service/openeo/graph';
import { matchOpenEoPath, openEoResponseErrors } from '../../helpers/openeo-openapi-validator';
import { startTestService, type TestService } from '../../helpers/test-service';
import { bearer, checkOpenEoAnswers, clientRejection, openEoFetch, openEoToken, OPENEO_ROOT, type AnswerLog } from './helpers/local-openeo';

let svc: TestService;
let log: AnswerLog;

beforeAll(async () => {
  svc = await startTestService();
  log = checkOpenEoAnswers(svc.url);
});
afterAll(async () => {
  log?.stop();
  await svc?.close();
});
afterEach(() => {
  expect(log.violations).toEqual([]);
});

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('discovery', () => {
  it('lets js-client connect through /.well-known/openeo under the given URL, to the API root with an absolute URL', async () => {
    const wellKnown = await openEoFetch(svc, log, '/.well-known/openeo');
    expect(wellKnown.status).toBe(200);
    expect(wellKnown.body).toEqual({ versions: [{ url: `${svc.url}${OPENEO_ROOT}/`, api_version: '1.2.0', production: true }] });
    const con = await OpenEO.connect(`${svc.url}${OPENEO_ROOT}`);
    expect(con.getBaseUrl()).toBe(`${svc.url}${OPENEO_ROOT}`);
    const capabilities = con.capabilities();
    expect(capabilities.apiVersion()).toBe('1.2.0');
    expect(capabilities.hasFeature('createJob')).toBe(true);
    expect(capabilities.hasFeature('computeResult')).toBe(true);
    expect(capabilities.hasFeature('downloadResults')).toBe(true);
    expect(capabilities.hasFeature('authenticateBasic')).toBe(true);
    expect(capabilities.hasFeature('createService')).toBe(false);
    expect(log.checked).toEqual(expect.arrayContaining(['GET /.well-known/openeo 200', 'GET / 200']));
  });

  it('lists as endpoints exactly the openEO routes the service registered, each an operation of the openEO API', async () => {
    const { status, body } = await openEoFetch(svc, log, '/');
    expect(status).toBe(200);
    const capabilities = body as { endpoints: Array<{ path: string; methods: string[] }>; conformsTo: string[]; backend_version: string; links: Array<{ rel: string; href: string }> };
    const listed = capabilities.endpoints.flatMap((e) => e.methods.map((m) => `${m} ${e.path}`)).sort();
    const registered = svc.service.routes
      .filter((r) => r.family === 'openeo' && !r.unlisted && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.slice(OPENEO_ROOT.length).replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(listed).toEqual(registered);
    expect(listed).toEqual([
      'DELETE /jobs/{job_id}', 'DELETE /jobs/{job_id}/results', 'GET /collections', 'GET /collections/{collection_id}', 'GET /conformance',
      'GET /credentials/basic', 'GET /file_formats', 'GET /jobs', 'GET /jobs/{job_id}', 'GET /jobs/{job_id}/logs', 'GET /jobs/{job_id}/results',
      'GET /processes', 'PATCH /jobs/{job_id}', 'POST /jobs', 'POST /jobs/{job_id}/results', 'POST /result',
    ]);
    for (const endpoint of capabilities.endpoints) expect(matchOpenEoPath(endpoint.path), endpoint.path).toBe(endpoint.path);
    // Every route under the openEO root belongs to the openEO family (the ASTRA contract table leaves them out).
    expect(svc.service.routes.filter((r) => r.url.startsWith(OPENEO_ROOT) && r.family !== 'openeo')).toEqual([]);
    expect(capabilities.conformsTo).toContain('https://api.openeo.org/1.2.0');
    expect(capabilities.conformsTo.some((c) => c.includes('authentication/jwt'))).toBe(false);
    for (const link of capabilities.links) expect(link.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // Without the trailing slash too: what a client given the root URL asks first.
    expect((await openEoFetch(svc, log, '')).body).toEqual(body);
  });

  it('answers /conformance and /file_formats (GTiff; JSON and CSV for time series) without a token', async () => {
    expect((await openEoFetch(svc, log, '/conformance')).body).toMatchObject({ conformsTo: expect.arrayContaining(['https://api.openeo.org/1.2.0']) });
    const formats = (await openEoFetch(svc, log, '/file_formats')).body as { output: Record<string, { gis_data_types: string[] }> };
    expect(Object.keys(formats.output).sort()).toEqual(['CSV', 'GTiff', 'JSON']);
    expect(formats.output.GTiff.gis_data_types).toEqual(['raster']);
  });
});

describe('sign-in with an ASTRA key', () => {
  it('trades a key (any user name) for a token that js-client then sends as basic//<token>', async () => {
    const con = await OpenEO.connect(`${svc.url}${OPENEO_ROOT}`);
    await con.authenticateBasic('anyone', svc.key);
    expect(con.isAuthenticated()).toBe(true);
    const collections = await con.listCollections();
    expect(collections.collections.map((c) => c.id)).toEqual(LOCAL_COLLECTIONS.map((c) => c.id));
  });

  it('refuses missing and wrong credentials with openEO errors', async () => {
    const missing = await openEoFetch(svc, log, '/credentials/basic');
    expect(missing).toMatchObject({ status: 401, body: { code: 'AuthenticationRequired' } });
    const wrong = await openEoFetch(svc, log, '/credentials/basic', { headers: basic('me', `astra_sk_live_${'x'.repeat(40)}`) });
    expect(wrong).toMatchObject({ status: 403, body: { code: 'CredentialsInvalid' } });
    const con = await OpenEO.connect(`${svc.url}${OPENEO_ROOT}`);
    expect(await clientRejection(con.authenticateBasic('me', 'not a key'))).toMatchObject({ code: 'CredentialsInvalid', status: 403 });
  });

  it('needs a token on every other route: none → 401, an ASTRA key or another scheme → 403, a made-up token → 403', async () => {
    expect(await openEoFetch(svc, log, '/collections')).toMatchObject({ status: 401, body: { code: 'AuthenticationRequired' } });
    expect(await openEoFetch(svc, log, '/jobs', { headers: { authorization: `Bearer ${svc.key}` } })).toMatchObject({ status: 403, body: { code: 'AuthenticationSchemeInvalid' } });
    expect(await openEoFetch(svc, log, '/processes', { headers: { authorization: 'Bearer oidc/egi/abc' } })).toMatchObject({ status: 403, body: { code: 'AuthenticationSchemeInvalid' } });
    expect(await openEoFetch(svc, log, '/processes', { headers: bearer('A'.repeat(43)) })).toMatchObject({ status: 403, body: { code: 'TokenInvalid' } });
    // …and a token is no key for the ASTRA API.
    const token = await openEoToken(svc, svc.key);
    const astra = await fetch(`${svc.url}/api/v1/jobs`, { headers: bearer(token) });
    expect(astra.status).toBe(401);
    expect(await astra.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('kills the tokens of a revoked key at once', async () => {
    const { key, id } = svc.service.context.keys.create('notebook', ['read', 'process']);
    const token = await openEoToken(svc, key);
    expect((await openEoFetch(svc, log, '/processes', { headers: bearer(token) })).status).toBe(200);
    svc.service.context.keys.revoke(id);
    expect(await openEoFetch(svc, log, '/processes', { headers: bearer(token) })).toMatchObject({ status: 403, body: { code: 'TokenInvalid' } });
    expect(await openEoFetch(svc, log, '/credentials/basic', { headers: basic('me', key) })).toMatchObject({ status: 403, body: { code: 'CredentialsInvalid' } });
  });

  it('gives a token its key\'s scopes: a read-only key lists collections but gets no jobs', async () => {
    const { key } = svc.service.context.keys.create('reader', ['read']);
    const token = await openEoToken(svc, key);
    expect((await openEoFetch(svc, log, '/collections', { headers: bearer(token) })).status).toBe(200);
    const refused = await openEoFetch(svc, log, '/jobs', { headers: bearer(token) });
    expect(refused).toMatchObject({ status: 403, body: { code: 'PermissionsInsufficient', message: expect.stringContaining('"process" scope') } });
  });
});

describe('collections and processes', () => {
  it('describes each collection with x, y, t and bands dimensions and the bands\' common names', async () => {
    const con = await OpenEO.connect(`${svc.url}${OPENEO_ROOT}`);
    await con.authenticateBasic('me', svc.key);
    for (const local of LOCAL_COLLECTIONS) {
      const collection = await con.describeCollection(local.id) as unknown as { 'cube:dimensions': Record<string, { type: string; values?: string[] }>; summaries: { 'eo:bands': Array<{ name: string; common_name?: string }> } };
      expect(Object.keys(collection['cube:dimensions']).sort()).toEqual(['bands', 't', 'x', 'y']);
      expect(collection['cube:dimensions'].bands.values).toEqual(local.bands.map((b) => b.asset));
      const red = collection.summaries['eo:bands'].find((b) => b.common_name === 'red');
      expect(red?.name).toBe(local.sensor === 'sentinel-2-msi' ? 'B04' : 'SR_B4');
    }
    const token = await openEoToken(svc, svc.key);
    expect(await openEoFetch(svc, log, '/collections/SENTINEL2_L2A', { headers: bearer(token) })).toMatchObject({ status: 404, body: { code: 'CollectionNotFound' } });
  });

  it('lists exactly the processes the engine runs, all of them whatever limit asks, as js-client reads them', async () => {
    const con = await OpenEO.connect(`${svc.url}${OPENEO_ROOT}`);
    await con.authenticateBasic('me', svc.key);
    const { processes } = await con.listProcesses();
    expect(processes.map((p) => p.id).sort()).toEqual([...LOCAL_PROCESS_IDS].sort());
    const token = await openEoToken(svc, svc.key);
    const limited = await openEoFetch(svc, log, '/processes?limit=1', { headers: bearer(token) });
    expect((limited.body as { processes: unknown[] }).processes).toHaveLength(LOCAL_PROCESS_IDS.size);
    // The official definitions, unchanged: each validates as an openEO process.
    expect(openEoResponseErrors({ path: '/processes', method: 'GET', status: 200, body: limited.body })).toEqual([]);
  });
});

describe('the error format everywhere under the root', () => {
  it('answers unknown paths, bad parameters and bad bodies with openEO errors, never the ASTRA shape', async () => {
    const token = await openEoToken(svc, svc.key);
    const unknown = await openEoFetch(svc, log, '/services', { headers: bearer(token) });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'NotFound', id: expect.any(String), links: [] } });
    expect(await openEoFetch(svc, log, '/jobs?limit=abc', { headers: bearer(token) })).toMatchObject({ status: 400, body: { code: 'BadRequest', message: expect.stringContaining('limit') } });
    const badJson = await openEoFetch(svc, log, '/jobs', { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: '{"process": ' });
    expect(badJson).toMatchObject({ status: 400, body: { code: 'BadRequest' } });
    const noGraph = await openEoFetch(svc, log, '/result', { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: '{"process": {}}' });
    expect(noGraph).toMatchObject({ status: 400, body: { code: 'ProcessGraphMissing' } });
    expect(await openEoFetch(svc, log, '/jobs/oejob_0123', { headers: bearer(token) })).toMatchObject({ status: 404, body: { code: 'JobNotFound' } });
    expect(await openEoFetch(svc, log, '/%zz', { headers: bearer(token) })).toMatchObject({ status: 400, body: { code: 'BadRequest' } });
  });
});
