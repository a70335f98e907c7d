/**
 * What the local openEO back-end refuses, as openEO clients see it: a process the engine lacks is
 * ProcessUnsupported naming it (callbacks included) and suggesting a remote back-end; a graph
 * that does not hold together is a 400 (ProcessGraphInvalid, ProcessParameterInvalid, …); malformed
 * bodies are openEO 400s — through @openeo/js-client and plain HTTP, every answer checked against
 * openapi.yaml. (Graphs of the area kinds run: local-area-journey.test.ts.)
 */
import { OpenEO, type Connection } from '@openeo/js-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';
import { checkOpenEoAnswers, clientRejection, jsonBody, openEoFetch, openEoToken, OPENEO_ROOT, type AnswerLog } from './helpers/local-openeo';

let svc: TestService;
let log: AnswerLog;
let con: Connection;
let token: string;

beforeAll(async () => {
  svc = await startTestService();
  log = checkOpenEoAnswers(svc.url);
  con = await OpenEO.connect(`${svc.url}${OPENEO_ROOT}`);
  await con.authenticateBasic('me', svc.key);
  token = await openEoToken(svc, svc.key);
});
afterAll(async () => {
  log?.stop();
  await svc?.close();
});
afterEach(() => {
  expect(log.violations).toEqual([]);
});

const load = { process_id: 'load_collection', arguments: { id: 'sentinel-2.sentinel-2-l2a', spatial_extent: { west: 11.2, south: 46.4, east: 11.5, north: 46.6 }, temporal_extent: ['2024-06-01', '2024-09-01'], bands: ['B04', 'B08'] } };
const reduceWith = (processId: string) => ({
  process_id: 'reduce_dimension',
  arguments: { data: { from_node: 'ndvi' }, dimension: 't', reducer: { process_graph: { r: { process_id: processId, arguments: { data: { from_parameter: 'data' } }, result: true } } } },
});
const graphWith = (reducer: string) => ({
  process_graph: {
    load,
    ndvi: { process_id: 'ndvi', arguments: { data: { from_node: 'load' }, nir: 'B08', red: 'B04' } },
    reduce: reduceWith(reducer),
    save: { process_id: 'save_result', arguments: { data: { from_node: 'reduce' }, format: 'GTiff' }, result: true },
  },
});

describe('graphs the local back-end refuses', () => {
  it('names a process it does not run, at the top level or inside a callback, and points to a remote back-end', async () => {
    const topLevel = { process_graph: { load, fill: { process_id: 'fill_nan', arguments: { data: { from_node: 'load' } }, result: true } } };
    const refused = await clientRejection(con.computeResult(topLevel));
    expect(refused).toMatchObject({ code: 'ProcessUnsupported', status: 400, message: expect.stringContaining("'fill_nan'") });
    expect(refused.message).toMatch(/remote openEO back-end/);
    const inCallback = await clientRejection(con.createJob(graphWith('quantiles')));
    expect(inCallback).toMatchObject({ code: 'ProcessUnsupported', status: 400, message: expect.stringContaining("'quantiles'") });
  });

  it('refuses graphs that do not hold together with openEO 400s', async () => {
    const noResult = { process_graph: { load } };
    expect(await clientRejection(con.computeResult(noResult))).toMatchObject({ status: 400, code: expect.stringMatching(/^ProcessGraph(Invalid|Missing)$|^ResultNodeMissing$/) });
    const dangling = { process_graph: { save: { process_id: 'save_result', arguments: { data: { from_node: 'nowhere' }, format: 'GTiff' }, result: true } } };
    expect(await openEoFetch(svc, log, '/result', jsonBody(token, { process: dangling }))).toMatchObject({ status: 400, body: { code: expect.stringMatching(/^Process/) } });
    const badArgument = { process_graph: { load: { ...load, arguments: { ...load.arguments, temporal_extent: 'summer' } }, save: { process_id: 'save_result', arguments: { data: { from_node: 'load' }, format: 'GTiff' }, result: true } } };
    expect(await openEoFetch(svc, log, '/jobs', jsonBody(token, { process: badArgument }))).toMatchObject({ status: 400, body: { code: 'ProcessParameterInvalid' } });
    const unknownCollection = { process_graph: { load: { ...load, arguments: { ...load.arguments, id: 'SENTINEL2_L2A' } }, save: { process_id: 'save_result', arguments: { data: { from_node: 'load' }, format: 'GTiff' }, result: true } } };
    const collection = await openEoFetch(svc, log, '/result', jsonBody(token, { process: unknownCollection }));
    expect(collection).toMatchObject({ status: 404, body: { code: 'CollectionNotFound', message: expect.stringContaining("'SENTINEL2_L2A'") } });
  });

  it('answers malformed requests with openEO errors: not JSON, no process, wrong types, a huge body', async () => {
    const headers = { authorization: `Bearer basic//${token}`, 'content-type': 'application/json' };
    expect(await openEoFetch(svc, log, '/result', { method: 'POST', headers, body: 'nope' })).toMatchObject({ status: 400, body: { code: 'BadRequest' } });
    expect(await openEoFetch(svc, log, '/result', { method: 'POST', headers, body: '{}' })).toMatchObject({ status: 400, body: { code: 'BadRequest', message: expect.stringContaining('process') } });
    expect(await openEoFetch(svc, log, '/jobs', { method: 'POST', headers, body: '{"process": {"process_graph": 5}}' })).toMatchObject({ status: 400, body: { code: 'ProcessGraphMissing' } });
    expect(await openEoFetch(svc, log, '/jobs', { method: 'POST', headers, body: JSON.stringify({ process: graphWith('median'), title: { text: 'x' } }) })).toMatchObject({ status: 400, body: { code: 'BadRequest', message: expect.stringContaining('title') } });
    expect(await openEoFetch(svc, log, '/jobs', { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: 'x' })).toMatchObject({ status: 400, body: { code: 'BadRequest' } });
    const huge = await openEoFetch(svc, log, '/result', { method: 'POST', headers, body: JSON.stringify({ process: { process_graph: {} }, pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge).toMatchObject({ status: 413, body: { code: 'PayloadTooLarge' } });
    const deep = await openEoFetch(svc, log, '/jobs', { method: 'POST', headers, body: `{"process": ${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
    expect(deep.status).toBeLessThan(500);
    expect(deep.body).toMatchObject({ code: expect.any(String) });
  });
});
