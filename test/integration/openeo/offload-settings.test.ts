/**
 * The remote back-ends in the settings and signing in, through the REST routes: the list in
 * GET|PUT /api/v1/settings (validated as a whole, never a secret in an answer), basic sign-in
 * checked with the back-end before the password is stored, the OIDC device-code sign-in (pending
 * with the code to enter, then signed in once the user approved at the provider), sign-out, and
 * the admin scope every one of these routes needs. Then jobs on an OIDC back-end: a token that
 * expires is refreshed, a revoked session ends the job with "sign in to <id> again".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../electron/service/api/types';
import type { ServiceSettings } from '../../../electron/service/cache/types';
import type { SignInState } from '../../../electron/service/openeo/backend-settings/types';
import { SECRET_FILE_NAME } from '../../../electron/service/openeo/remote/file-secret-store';
import { FAKE_OPENEO_USER } from '../../helpers/fake-openeo';
import { call, COMPOSITE, submit, waitJob, startOffloadRig, type OffloadRig } from './helpers/offload-rig';

let rig: OffloadRig;
/** Every answer body the tests saw: none may hold a secret. */
const answers: string[] = [];

async function api(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; json: unknown }> {
  const response = await call(rig.svc, method, path, body, key);
  const text = await response.text();
  answers.push(text);
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

function secretFile(): Record<string, { value: string }> {
  try {
    return (JSON.parse(readFileSync(join(rig.svc.dataDir, SECRET_FILE_NAME), 'utf8')) as { secrets: Record<string, { value: string }> }).secrets;
  } catch {
    return {};
  }
}

const fakeEntry = () => ({ id: 'fake', url: rig.backend.url, title: 'Fake openEO', auth: 'basic', username: FAKE_OPENEO_USER[0] });
const oidcEntry = () => ({ id: 'cdse', url: rig.backend.url, title: 'Copernicus Data Space (fake)', auth: 'oidc' });

async function settings(): Promise<ServiceSettings> {
  const { status, json } = await api('GET', '/api/v1/settings');
  expect(status).toBe(200);
  return json as ServiceSettings;
}

async function waitSignIn(id: string, until: (state: SignInState) => boolean): Promise<SignInState> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { json } = await api('GET', `/api/v1/settings/openeo-backends/${id}/sign-in`);
    if (until(json as SignInState)) return json as SignInState;
    if (Date.now() > deadline) throw new Error(`sign-in of ${id} stuck at ${JSON.stringify(json)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => { rig = await startOffloadRig(); }, 60_000);
afterAll(async () => { await rig?.close(); });
afterEach(() => {
  expect(rig.backend.contractViolations).toEqual([]);
  rig.resetSteps();
});

describe('the back-end list in the settings', () => {
  it('is empty at first, replaced by PUT, and shown without secrets', async () => {
    expect((await settings()).openeo_backends).toEqual([]);
    const put = await api('PUT', '/api/v1/settings', { openeo_backends: [fakeEntry(), oidcEntry()] });
    expect(put.status).toBe(200);
    const list = (put.json as ServiceSettings).openeo_backends;
    expect(list.map((backend) => [backend.id, backend.auth, backend.signed_in])).toEqual([['cdse', 'oidc', false], ['fake', 'basic', false]]);
    expect(list[1]).toMatchObject({ url: rig.backend.url, title: 'Fake openEO', username: 'analyst', collections: {} });
    expect((await settings()).openeo_backends).toEqual(list);
  });

  it('refuses a bad list as a whole, naming the entry and field, and changes nothing', async () => {
    const before = await settings();
    const bad: Array<[unknown, string]> = [
      [{ ...fakeEntry(), url: 'ftp://example.org' }, 'openeo_backends[0].url'],
      [{ ...fakeEntry(), url: 'http://openeo.example.org' }, 'openeo_backends[0].url'],
      [{ ...fakeEntry(), id: 'local' }, 'openeo_backends[0].id'],
      [{ ...fakeEntry(), password: 'x' }, 'openeo_backends[0].password'],
      [{ ...fakeEntry(), username: undefined }, 'openeo_backends[0].username'],
    ];
    for (const [entry, parameter] of bad) {
      const { status, json } = await api('PUT', '/api/v1/settings', { offline: true, openeo_backends: [entry] });
      expect(status, parameter).toBe(400);
      expect((json as ErrorBody).error).toMatchObject({ code: 'invalid_parameter', parameter });
    }
    const twice = await api('PUT', '/api/v1/settings', { openeo_backends: [fakeEntry(), fakeEntry()] });
    expect((twice.json as ErrorBody).error).toMatchObject({ parameter: 'openeo_backends[1].id' });
    expect((await api('PUT', '/api/v1/settings', { openeo_backends: 'fake' })).status).toBe(400);
    expect(await settings()).toEqual(before);
  });

  it('needs the admin scope to change it or sign in; a read key sees the list', async () => {
    const read = rig.svc.service.context.keys.create('reader', ['read']).key;
    const process = rig.svc.service.context.keys.create('worker', ['read', 'process']).key;
    for (const key of [read, process]) {
      for (const [method, path, body] of [
        ['PUT', '/api/v1/settings', { openeo_backends: [] }],
        ['POST', '/api/v1/settings/openeo-backends/fake/sign-in', { password: FAKE_OPENEO_USER[1] }],
        ['GET', '/api/v1/settings/openeo-backends/fake/sign-in', undefined],
        ['DELETE', '/api/v1/settings/openeo-backends/fake/sign-in', undefined],
      ] as const) {
        const { status, json } = await api(method, path, body, key);
        expect(status, `${method} ${path}`).toBe(403);
        expect((json as ErrorBody).error).toMatchObject({ code: 'insufficient_scope', scope: 'admin' });
      }
    }
    const seen = await api('GET', '/api/v1/settings', undefined, read);
    expect(seen.status).toBe(200);
    expect((seen.json as ServiceSettings).openeo_backends.map((backend) => backend.id)).toEqual(['cdse', 'fake']);
  });
});

describe('basic sign-in', () => {
  it('checks the password with the back-end before storing it; sign-out removes it', async () => {
    const wrong = await api('POST', '/api/v1/settings/openeo-backends/fake/sign-in', { password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect((wrong.json as ErrorBody).error).toMatchObject({ code: 'invalid_parameter', parameter: 'password', message: expect.stringContaining('refused the user name or password') });
    expect(secretFile()['openeo/fake/password']).toBeUndefined();
    expect((await api('POST', '/api/v1/settings/openeo-backends/fake/sign-in', {})).status).toBe(400);
    expect((await api('POST', '/api/v1/settings/openeo-backends/nope/sign-in', { password: 'x' })).status).toBe(404);
    expect((await api('POST', '/api/v1/settings/openeo-backends/cdse/sign-in', { password: 'x' })).json).toMatchObject({ error: { parameter: 'password' } });

    const right = await api('POST', '/api/v1/settings/openeo-backends/fake/sign-in', { password: FAKE_OPENEO_USER[1] });
    expect(right).toEqual({ status: 200, json: { state: 'signed_in' } });
    expect(secretFile()['openeo/fake/password'].value).toBe(FAKE_OPENEO_USER[1]);
    expect((await api('GET', '/api/v1/settings/openeo-backends/fake/sign-in')).json).toEqual({ state: 'signed_in' });
    expect((await settings()).openeo_backends.find((backend) => backend.id === 'fake')!.signed_in).toBe(true);

    expect((await api('DELETE', '/api/v1/settings/openeo-backends/fake/sign-in')).status).toBe(204);
    expect((await api('GET', '/api/v1/settings/openeo-backends/fake/sign-in')).json).toEqual({ state: 'signed_out' });
    expect(Object.keys(secretFile()).filter((name) => name.startsWith('openeo/fake/'))).toEqual([]);
  });

  it('a changed URL or user drops the stored password (it belonged to the old account)', async () => {
    expect((await api('POST', '/api/v1/settings/openeo-backends/fake/sign-in', { password: FAKE_OPENEO_USER[1] })).status).toBe(200);
    await api('PUT', '/api/v1/settings', { openeo_backends: [{ ...fakeEntry(), title: 'Renamed' }, oidcEntry()] });
    expect((await settings()).openeo_backends.find((backend) => backend.id === 'fake')).toMatchObject({ title: 'Renamed', signed_in: true });
    await api('PUT', '/api/v1/settings', { openeo_backends: [{ ...fakeEntry(), username: 'someone-else' }, oidcEntry()] });
    expect((await settings()).openeo_backends.find((backend) => backend.id === 'fake')!.signed_in).toBe(false);
    expect(secretFile()['openeo/fake/password']).toBeUndefined();
  });
});

describe('OIDC device sign-in through the REST routes', () => {
  it('is pending with the code to enter until the user approves it; then jobs run with its tokens', async () => {
    const started = await api('POST', '/api/v1/settings/openeo-backends/cdse/sign-in');
    expect(started.status).toBe(200);
    const prompt = started.json as SignInState;
    expect(prompt).toMatchObject({ state: 'pending', verification_uri: `${rig.backend.url}/auth/realms/CDSE/device`, user_code: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/), expires_in: 300, interval: 5 });
    expect((await api('GET', '/api/v1/settings/openeo-backends/cdse/sign-in')).json).toMatchObject({ state: 'pending', user_code: prompt.user_code });
    rig.backend.oidc.approve(prompt.user_code!, 'analyst@example.org');
    expect(await waitSignIn('cdse', (state) => state.state !== 'pending')).toEqual({ state: 'signed_in' });
    expect(Object.keys(secretFile()).filter((name) => name.startsWith('openeo/cdse/')).sort()).toEqual(['openeo/cdse/access_token', 'openeo/cdse/refresh_token']);
    expect((await settings()).openeo_backends.find((backend) => backend.id === 'cdse')!.signed_in).toBe(true);

    // A job on it; its access token expires mid-job and is refreshed once.
    const refreshes = () => rig.backend.requests.filter((request) => request.path.endsWith('/token') && String(request.body).includes('grant_type=refresh_token')).length;
    rig.beforeStep = (step) => { if (step === 2) rig.backend.tokens.expireAll(); };
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'cdse' });
    const job = await waitJob(rig.svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(refreshes()).toBe(1);
    expect(rig.backend.requests.filter((request) => request.path.includes(`/jobs/${job.remote!.job_id}`)).every((request) => /^Bearer oidc\/CDSE\//.test(request.headers.authorization ?? ''))).toBe(true);
  });

  it('a revoked session ends a running job with "sign in to <id> again" and signs the back-end out', async () => {
    rig.beforeStep = (step) => {
      if (step !== 2) return;
      rig.backend.tokens.expireAll();
      rig.backend.oidc.revokeRefreshTokens();
      return false;
    };
    const id = await submit(rig.svc, { ...COMPOSITE, on: 'cdse' });
    const job = await waitJob(rig.svc, id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ reason: 'sign_in_required', backend: 'cdse', message: expect.stringMatching(/^sign in to cdse again: /) });
    expect((await api('GET', '/api/v1/settings/openeo-backends/cdse/sign-in')).json).toEqual({ state: 'signed_out' });
    const refused = await api('POST', '/api/v1/jobs', { ...COMPOSITE, on: 'cdse' });
    expect(refused.status).toBe(409);
    expect((refused.json as ErrorBody).error.message).toContain('sign in to cdse');
  });

  it('a denied sign-in is reported as failed, with why', async () => {
    const started = (await api('POST', '/api/v1/settings/openeo-backends/cdse/sign-in')).json as SignInState;
    rig.backend.oidc.deny(started.user_code!);
    const failed = await waitSignIn('cdse', (state) => state.state !== 'pending');
    expect(failed).toMatchObject({ state: 'failed', message: expect.stringContaining('denied') });
    // Starting again replaces it.
    const again = (await api('POST', '/api/v1/settings/openeo-backends/cdse/sign-in')).json as SignInState;
    expect(again).toMatchObject({ state: 'pending' });
    expect(again.user_code).not.toBe(started.user_code);
    expect((await api('DELETE', '/api/v1/settings/openeo-backends/cdse/sign-in')).status).toBe(204);
    expect((await api('GET', '/api/v1/settings/openeo-backends/cdse/sign-in')).json).toEqual({ state: 'signed_out' });
  });
});

describe('secrets', () => {
  it('never appear in an answer', () => {
    const secrets = [FAKE_OPENEO_USER[1], ...Object.values(secretFile()).map((entry) => entry.value)];
    // Tokens the back-end issued during the tests, whether still stored or not.
    const issued = rig.backend.requests.map((request) => request.headers.authorization ?? '').filter((value) => value.startsWith('Bearer ')).map((value) => value.split('/').pop()!);
    for (const secret of [...secrets, ...issued]) for (const answer of answers) expect(answer).not.toContain(secret);
    expect(answers.length).toBeGreaterThan(20);
  });
});
