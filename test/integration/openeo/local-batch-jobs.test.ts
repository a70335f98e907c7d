/**
 * Batch jobs of the local openEO back-end over plain HTTP, on the processing rig: a job is
 * `created` until started (nothing queued), editable until then, started on the ASTRA queue;
 * its results are a STAC Item with signed, expiring links that work without a token and die when
 * the job runs again, is deleted or its key is revoked; a failed run answers 424 with its error;
 * another key never sees the job. Every answer is checked against the vendored openapi.yaml.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../electron/service/jobs/types';
import { useProcessingRig, waitJob } from '../processing/helpers/processing-rig';
import { S2_SCENE } from '../processing/helpers/test-scenes';
import { bearer, checkOpenEoAnswers, jsonBody, openEoFetch, openEoToken, type AnswerLog } from './helpers/local-openeo';

const rig = useProcessingRig();
let log: AnswerLog;
let token: string;

beforeAll(async () => {
  log = checkOpenEoAnswers(rig.env.svc.url);
  token = await openEoToken(rig.env.svc, rig.env.svc.key);
});
afterAll(() => log?.stop());
afterEach(() => {
  expect(log.violations).toEqual([]);
});

/** An NDVI of the 29RKH scene in `bbox`, as a process graph with ASTRA's SCL mask. */
function ndviProcess(bbox: [number, number, number, number]): Record<string, unknown> {
  const [west, south, east, north] = bbox;
  const eq = (n: number) => ({ process_id: 'eq', arguments: { x: { from_parameter: 'x' }, y: n } });
  return {
    process_graph: {
      load: {
        process_id: 'load_collection',
        arguments: {
          id: 'sentinel-2.sentinel-2-l2a', spatial_extent: { west, south, east, north }, temporal_extent: ['2020-02-19', '2020-02-20'], bands: ['B04', 'B08', 'SCL'],
          properties: { id: { process_graph: { match: { process_id: 'eq', arguments: { x: { from_parameter: 'value' }, y: S2_SCENE.slice('sentinel-2:'.length) }, result: true } } } },
        },
      },
      clouds: {
        process_id: 'reduce_dimension',
        arguments: {
          data: { from_node: 'load' }, dimension: 'bands',
          reducer: {
            process_graph: {
              scl: { process_id: 'array_element', arguments: { data: { from_parameter: 'data' }, label: 'SCL' } },
              ...Object.fromEntries([0, 1, 3, 8, 9, 10].map((n) => [`c${n}`, { ...eq(n), arguments: { x: { from_node: 'scl' }, y: n } }])),
              o1: { process_id: 'or', arguments: { x: { from_node: 'c0' }, y: { from_node: 'c1' } } },
              o2: { process_id: 'or', arguments: { x: { from_node: 'o1' }, y: { from_node: 'c3' } } },
              o3: { process_id: 'or', arguments: { x: { from_node: 'o2' }, y: { from_node: 'c8' } } },
              o4: { process_id: 'or', arguments: { x: { from_node: 'o3' }, y: { from_node: 'c9' } } },
              o5: { process_id: 'or', arguments: { x: { from_node: 'o4' }, y: { from_node: 'c10' } }, result: true },
            },
          },
        },
      },
      masked: { process_id: 'mask', arguments: { data: { from_node: 'load' }, mask: { from_node: 'clouds' } } },
      ndvi: { process_id: 'ndvi', arguments: { data: { from_node: 'masked' }, nir: 'B08', red: 'B04' } },
      first: { process_id: 'reduce_dimension', arguments: { data: { from_node: 'ndvi' }, dimension: 't', reducer: { process_graph: { f: { process_id: 'first', arguments: { data: { from_parameter: 'data' } }, result: true } } } } },
      save: { process_id: 'save_result', arguments: { data: { from_node: 'first' }, format: 'GTiff' }, result: true },
    },
  };
}

const get = (path: string, auth: string = token) => openEoFetch(rig.env.svc, log, path, { headers: bearer(auth) });
const send = (method: string, path: string, body?: unknown, auth: string = token) =>
  openEoFetch(rig.env.svc, log, path, body === undefined ? { method, headers: bearer(auth) } : jsonBody(auth, body, method));

async function createJob(bbox: [number, number, number, number], title = 'NDVI'): Promise<string> {
  const created = await send('POST', '/jobs', { process: ndviProcess(bbox), title });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.headers.get('openeo-identifier')!;
}

/** The ASTRA job of an openEO job's current run (its `related` link). */
async function runOf(id: string): Promise<string> {
  const body = (await get(`/jobs/${id}`)).body as { links: Array<{ rel: string; href: string }> };
  return body.links.find((link) => link.rel === 'related')!.href.split('/').pop()!;
}

async function startAndFinish(id: string): Promise<Job> {
  expect((await send('POST', `/jobs/${id}/results`)).status).toBe(202);
  return waitJob(rig.env.svc, await runOf(id));
}

async function assetHref(id: string): Promise<string> {
  const results = await get(`/jobs/${id}/results`);
  expect(results.status).toBe(200);
  return (results.body as { assets: Record<string, { href: string }> }).assets['result.tif'].href;
}

describe('a created job', () => {
  it('queues nothing until started, can be edited, and has no results yet', async () => {
    const before = (await (await rig.env.svc.api('/api/v1/jobs')).json() as { jobs: unknown[] }).jobs.length;
    const id = await createJob([-11.8, 24.6, -11.7, 24.7], 'first title');
    expect((await (await rig.env.svc.api('/api/v1/jobs')).json() as { jobs: unknown[] }).jobs.length).toBe(before);
    expect((await get(`/jobs/${id}`)).body).toMatchObject({ id, status: 'created', title: 'first title', description: null });
    const results = await get(`/jobs/${id}/results`);
    expect(results).toMatchObject({ status: 400, body: { code: 'JobNotStarted' } });

    expect((await send('PATCH', `/jobs/${id}`, { title: 'second title', description: 'an **NDVI**' })).status).toBe(204);
    expect((await get(`/jobs/${id}`)).body).toMatchObject({ title: 'second title', description: 'an **NDVI**' });
    expect(await send('PATCH', `/jobs/${id}`, { status: 'finished' })).toMatchObject({ status: 400, body: { code: 'PropertyNotEditable', message: expect.stringContaining("'status'") } });
    expect(await send('PATCH', `/jobs/${id}`, {})).toMatchObject({ status: 400, body: { code: 'NoDataForUpdate' } });
    const unsupported = { process_graph: { x: { process_id: 'quantiles', arguments: { data: [1, 2] }, result: true } } };
    expect(await send('PATCH', `/jobs/${id}`, { process: unsupported })).toMatchObject({ status: 400, body: { code: 'ProcessUnsupported', message: expect.stringContaining('quantiles') } });

    const logs = (await get(`/jobs/${id}/logs`)).body as { logs: Array<{ id: string; level: string }> };
    expect(logs.logs.map((entry) => entry.id)).toEqual(['created']);
    const listed = (await get('/jobs')).body as { jobs: Array<{ id: string; status: string }> };
    expect(listed.jobs.find((job) => job.id === id)).toMatchObject({ status: 'created' });
  });

  it('is checked when created: a scene that does not exist is refused with an openEO error', async () => {
    const process = ndviProcess([-11.8, 24.6, -11.7, 24.7]);
    const load = (process.process_graph as Record<string, { arguments: { properties: { id: { process_graph: { match: { arguments: { y: string } } } } } } }>).load;
    load.arguments.properties.id.process_graph.match.arguments.y = 'S2A_29RKH_20200219_9_L2A';
    const refused = await send('POST', '/jobs', { process });
    expect(refused).toMatchObject({ status: 400, body: { code: 'ProcessParameterInvalid', message: expect.stringContaining('unknown scene') } });
  });
});

describe('a finished job', () => {
  it('lists its results as a STAC Item with a signed link that works without a token, with Range, until the job runs again', async () => {
    const id = await createJob([-11.8, 24.6, -11.6, 24.8]);
    const run = await startAndFinish(id);
    expect(run.status).toBe('succeeded');
    const results = await get(`/jobs/${id}/results`);
    const item = results.body as { type: string; id: string; bbox: number[]; properties: Record<string, unknown>; assets: Record<string, { href: string; type: string; roles: string[] }> };
    expect(item).toMatchObject({ type: 'Feature', id, properties: { 'openeo:status': 'finished', 'proj:epsg': 32629, expires: expect.any(String) } });
    expect(Object.keys(item.assets)).toEqual(['result.tif']);
    const href = item.assets['result.tif'].href;
    expect(href).toMatch(new RegExp(`^${rig.env.svc.url}/api/v1/openeo/downloads/${id}/result\\.tif\\?run=${run.id}&expires=\\d+&sig=`));

    const whole = await fetch(href);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/tiff; application=geotiff; profile=cloud-optimized');
    const bytes = Buffer.from(await whole.arrayBuffer());
    const astra = Buffer.from(await (await rig.env.svc.api(`/api/v1/jobs/${run.id}/result.tif`)).arrayBuffer());
    expect(bytes.equals(astra)).toBe(true);
    const range = await fetch(href, { headers: { range: 'bytes=0-7' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(0, 8))).toBe(true);

    // A link not signed here: another file, an edited expiry, a made-up signature, no signature.
    const url = new URL(href);
    const tampered = [
      href.replace('/result.tif?', '/result.json?'),
      href.replace(/expires=(\d+)/, (_m, n: string) => `expires=${Number(n) + 1}`),
      href.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`),
      `${url.origin}${url.pathname}`,
    ];
    for (const target of tampered) {
      const refused = await fetch(target);
      expect(refused.status, target).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'PermissionsInsufficient' });
    }

    // Run again: the old results are discarded and the old link is stale.
    const rerun = await startAndFinish(id);
    expect(rerun.id).not.toBe(run.id);
    expect((await rig.env.svc.api(`/api/v1/jobs/${run.id}`)).status).toBe(404);
    const stale = await fetch(href);
    expect(stale.status).toBe(410);
    expect(await stale.json()).toMatchObject({ code: 'ResultLinkExpired' });
    expect((await fetch(await assetHref(id))).status).toBe(200);

    // A new process makes it `created` again, its results gone.
    expect((await send('PATCH', `/jobs/${id}`, { process: ndviProcess([-11.8, 24.6, -11.7, 24.7]) })).status).toBe(204);
    expect((await get(`/jobs/${id}`)).body).toMatchObject({ status: 'created' });
    expect((await rig.env.svc.api(`/api/v1/jobs/${rerun.id}`)).status).toBe(404);
  }, 120_000);

  it('is deleted with its results, and its links die with it or with its key', async () => {
    const svc = rig.env.svc;
    const { key, id: keyId } = svc.service.context.keys.create('notebook', ['read', 'process']);
    const own = await openEoToken(svc, key);
    const first = (await send('POST', '/jobs', { process: ndviProcess([-11.8, 24.6, -11.7, 24.7]) }, own)).headers.get('openeo-identifier')!;
    const second = (await send('POST', '/jobs', { process: ndviProcess([-11.7, 24.7, -11.6, 24.8]) }, own)).headers.get('openeo-identifier')!;
    for (const id of [first, second]) {
      expect((await send('POST', `/jobs/${id}/results`, undefined, own)).status).toBe(202);
      await waitJob(svc, await runOf(id));
    }
    // Another key (not admin) does not see them.
    const stranger = await openEoToken(svc, svc.service.context.keys.create('stranger', ['read', 'process']).key);
    expect(await get(`/jobs/${first}`, stranger)).toMatchObject({ status: 404, body: { code: 'JobNotFound' } });
    expect(await send('DELETE', `/jobs/${first}`, undefined, stranger)).toMatchObject({ status: 404, body: { code: 'JobNotFound' } });
    expect(((await get('/jobs', stranger)).body as { jobs: unknown[] }).jobs).toEqual([]);

    const firstHref = await assetHref(first);
    const firstRun = await runOf(first);
    expect((await send('DELETE', `/jobs/${first}`, undefined, own)).status).toBe(204);
    expect(await get(`/jobs/${first}`, own)).toMatchObject({ status: 404, body: { code: 'JobNotFound' } });
    expect((await svc.api(`/api/v1/jobs/${firstRun}`)).status).toBe(404);
    expect((await fetch(firstHref)).status).toBe(410);

    const secondHref = (await openEoFetch(svc, log, `/jobs/${second}/results`, { headers: bearer(own) }).then((a) => a.body as { assets: Record<string, { href: string }> })).assets['result.tif'].href;
    expect((await fetch(secondHref)).status).toBe(200);
    svc.service.context.keys.revoke(keyId);
    const revoked = await fetch(secondHref);
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ code: 'PermissionsInsufficient', message: expect.stringContaining('revoked') });
  }, 120_000);
});

describe('a job that does not finish', () => {
  it('answers 424 with its error when the run failed, and JobNotFinished (or partial results) when canceled', async () => {
    const svc = rig.env.svc;
    const failing = await createJob([-11.5, 24.9, -11.3, 25.1]);
    // The scene's headers are cached by the check at creation; its pixels are not: the run must fetch them, and the host fails.
    rig.env.fake.faults.files.status = { code: 404 };
    try {
      expect((await send('POST', `/jobs/${failing}/results`)).status).toBe(202);
      expect((await waitJob(svc, await runOf(failing))).status).toBe('failed');
    } finally {
      delete rig.env.fake.faults.files.status;
    }
    expect((await get(`/jobs/${failing}`)).body).toMatchObject({ status: 'error' });
    const results = await get(`/jobs/${failing}/results`);
    expect(results).toMatchObject({ status: 424, body: { level: 'error', message: expect.any(String), code: expect.any(String) } });
    const errors = (await get(`/jobs/${failing}/logs?level=error`)).body as { level: string; logs: Array<{ level: string }> };
    expect(errors).toMatchObject({ level: 'error', logs: [{ level: 'error' }] });

    // Pixels no other test read, from a host that answers slowly: the run is still waiting when it is canceled.
    const canceled = await createJob([-11.45, 24.5, -11.35, 24.6]);
    rig.env.fake.faults.files.latencyMs = 20_000;
    let run: Job;
    try {
      expect((await send('POST', `/jobs/${canceled}/results`)).status).toBe(202);
      const runId = await runOf(canceled);
      expect((await send('DELETE', `/jobs/${canceled}/results`)).status).toBe(204);
      run = await waitJob(svc, runId);
    } finally {
      rig.env.fake.faults.files.latencyMs = 0;
    }
    expect(run.status).toBe('cancelled');
    expect((await get(`/jobs/${canceled}`)).body).toMatchObject({ status: 'canceled' });
    expect(await get(`/jobs/${canceled}/results`)).toMatchObject({ status: 400, body: { code: 'JobNotFinished', message: expect.stringContaining('canceled') } });
    const partial = await get(`/jobs/${canceled}/results?partial=true`);
    expect(partial).toMatchObject({ status: 200, body: { properties: { 'openeo:status': 'canceled' }, assets: {} } });
    const logs = (await get(`/jobs/${canceled}/logs`)).body as { logs: Array<{ level: string; message: string }> };
    expect(logs.logs[logs.logs.length - 1]).toMatchObject({ level: 'warning', message: expect.stringContaining('canceled') });
  }, 120_000);
});
