/**
 * Signing in to remote back-ends as openEO clients do, against the fake: HTTP Basic with the
 * password from the secret file; the OIDC device-code flow with PKCE (pending → approved → tokens
 * in the secret file, 0600); a token that expires mid-job renewed once (basic: new sign-in; OIDC:
 * refresh token) and the job followed on; a revoked session → "sign in to <id> again"; an
 * unreachable back-end.
 */
import { Connection } from '@openeo/js-client';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendCatalog } from '../../../electron/service/openeo/remote/backend-catalog';
import { DeviceSignIn } from '../../../electron/service/openeo/remote/device-sign-in';
import { createFileSecretStore, SECRET_FILE_NAME } from '../../../electron/service/openeo/remote/file-secret-store';
import { RemoteOpenEoError } from '../../../electron/service/openeo/remote/remote-errors';
import { RemoteSession } from '../../../electron/service/openeo/remote/remote-session';
import { runRemoteJob } from '../../../electron/service/openeo/remote/run-remote-job';
import { backendSecretName } from '../../../electron/service/openeo/remote/secret-store';
import { FAKE_OPENEO_USER, startFakeOpenEo, type FakeOpenEo } from '../../helpers/fake-openeo';
import { makeResultTiles, type ResultTiles } from './helpers/result-tiles';
import { backendEntry, basicSetup, ndviComposite, steppingSleep, type RemoteSetup } from './helpers/remote-setup';

let tiles: ResultTiles;
let backend: FakeOpenEo;
const setups: RemoteSetup[] = [];

beforeAll(async () => {
  tiles = await makeResultTiles();
  backend = await startFakeOpenEo({ resultAssets: [{ name: 'part-west.tif', file: tiles.west }] });
});
afterAll(async () => {
  await backend.close();
  rmSync(tiles.dir, { recursive: true, force: true });
  for (const setup of setups) rmSync(setup.dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(backend.contractViolations).toEqual([]);
});

async function rejection(promise: Promise<unknown>): Promise<RemoteOpenEoError> {
  const error = await promise.then(() => undefined, (failure: unknown) => failure);
  if (!(error instanceof RemoteOpenEoError)) throw new Error(`expected a RemoteOpenEoError, got ${String(error)}`);
  return error;
}

async function basic(fields = {}): Promise<RemoteSetup> {
  const setup = await basicSetup(backend, fields);
  setups.push(setup);
  return setup;
}

/** An OIDC back-end entry whose user signed in through the device flow (the test approves the code). */
async function oidcSignedIn(): Promise<RemoteSetup> {
  const setup = await basic();
  const backendOidc = backendEntry(backend, { id: 'fake-oidc', auth: 'oidc', username: null });
  const signIn = await DeviceSignIn.start(backendOidc, { secrets: setup.secrets });
  backend.oidc.approve(signIn.prompt.user_code, 'analyst@example.org');
  expect(await signIn.poll()).toBe('signed_in');
  return { ...setup, backend: backendOidc };
}

const secretFile = (setup: RemoteSetup) => JSON.parse(readFileSync(join(setup.dir, SECRET_FILE_NAME), 'utf8')) as { secrets: Record<string, { codec: string; value: string }> };

describe('HTTP Basic', () => {
  it('signs in with the stored password and sends the token as js-client does', async () => {
    const setup = await basic();
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    expect(session.connection).toBeInstanceOf(Connection);
    expect(await session.call('reading the account', (con) => con.describeAccount())).toMatchObject({ name: FAKE_OPENEO_USER[0] });
    expect(backend.requests[backend.requests.length - 1].headers.authorization).toMatch(/^Bearer basic\/\/basic-/);
  });

  it('a wrong or missing password → sign in again, without the password in the message', async () => {
    const setup = await basic();
    await setup.secrets.set(backendSecretName('fake', 'password'), 'not-the-password');
    const wrong = await rejection(RemoteSession.open(setup.backend, { secrets: setup.secrets }));
    expect(wrong).toMatchObject({ reason: 'sign_in_required', message: expect.stringMatching(/^sign in to fake again: .*refused the user name or password/) });
    expect(JSON.stringify(wrong.toBody())).not.toContain('not-the-password');
    await setup.secrets.delete(backendSecretName('fake', 'password'));
    expect(await rejection(RemoteSession.open(setup.backend, { secrets: setup.secrets }))).toMatchObject({ reason: 'sign_in_required', message: expect.stringContaining('no password is stored') });
  });

  it('a token that expires mid-job: one new sign-in, and the job is followed to its results', async () => {
    const setup = await basic();
    const issued = backend.tokens.count('basic');
    const firstRequest = backend.requests.length;
    const sleep = steppingSleep(backend, (step) => { if (step === 2) backend.tokens.expireAll(); });
    const result = await runRemoteJob({ backend: setup.backend, secrets: setup.secrets, process: ndviComposite(), targetDir: join(setup.dir, 'out'), sleep });
    expect(backend.jobs.get(result.job_id).status).toBe('finished');
    expect(result.files).toHaveLength(1);
    expect(backend.tokens.count('basic')).toBe(issued + 2); // the first sign-in and exactly one renewal
    const signIns = backend.requests.slice(firstRequest).filter((request) => request.path === '/openeo/1.2/credentials/basic');
    expect(signIns.map((request) => request.headers.authorization?.split(' ')[0])).toEqual(['Basic', 'Basic']);
  });
});

describe('OIDC device-code flow', () => {
  it('is pending until the user approves the code; the tokens land in the 0600 secret file, and the session uses them', async () => {
    const setup = await basic();
    const entry = backendEntry(backend, { id: 'cdse', auth: 'oidc', username: null });
    const signIn = await DeviceSignIn.start(entry, { secrets: setup.secrets });
    expect(signIn.prompt).toEqual({
      verification_uri: `${backend.url}/auth/realms/CDSE/device`,
      verification_uri_complete: `${backend.url}/auth/realms/CDSE/device?user_code=${signIn.prompt.user_code}`,
      user_code: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/), expires_in: 300, interval: 5,
    });
    expect(signIn.providerId).toBe(backend.oidc.providerId);
    const device = backend.requests.find((request) => request.path.endsWith('/auth/device'));
    const form = new URLSearchParams(String(device?.body));
    expect(Object.fromEntries(form)).toMatchObject({ client_id: backend.oidc.clientId, code_challenge_method: 'S256', scope: 'openid offline_access' });

    expect(await signIn.poll()).toBe('pending');
    expect(await setup.secrets.get(backendSecretName('cdse', 'access_token'))).toBeUndefined();
    const waits: number[] = [];
    await signIn.waitUntilSignedIn({
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) backend.oidc.approve(signIn.prompt.user_code, 'analyst@example.org');
      },
    });
    expect(waits).toEqual([5000, 5000]);

    const stored = secretFile(setup).secrets;
    expect(Object.keys(stored).sort()).toEqual(['openeo/cdse/access_token', 'openeo/cdse/refresh_token', 'openeo/fake/password']);
    expect(stored['openeo/cdse/refresh_token']).toMatchObject({ codec: 'plain', value: expect.stringMatching(/^refresh-/) });
    expect(statSync(join(setup.dir, SECRET_FILE_NAME)).mode & 0o777).toBe(0o600);

    const session = await RemoteSession.open(entry, { secrets: setup.secrets });
    expect(await session.call('reading the account', (con) => con.describeAccount())).toMatchObject({ name: 'analyst@example.org' });
    expect(backend.requests[backend.requests.length - 1].headers.authorization).toBe(`Bearer oidc/CDSE/${stored['openeo/cdse/access_token'].value}`);
  });

  it('a denied or expired code ends the sign-in with a clear error and stores nothing', async () => {
    const setup = await basic();
    const entry = backendEntry(backend, { id: 'cdse', auth: 'oidc', username: null });
    const signIn = await DeviceSignIn.start(entry, { secrets: setup.secrets });
    backend.oidc.deny(signIn.prompt.user_code);
    expect(await rejection(signIn.poll())).toMatchObject({ reason: 'sign_in_failed', message: expect.stringContaining('denied') });
    expect(await setup.secrets.get(backendSecretName('cdse', 'refresh_token'))).toBeUndefined();
    const late = await DeviceSignIn.start(entry, { secrets: setup.secrets });
    backend.oidc.expire(late.prompt.user_code);
    expect(await rejection(late.poll())).toMatchObject({ reason: 'sign_in_failed', message: expect.stringContaining('expired') });
    let clock = 0;
    const slow = await DeviceSignIn.start(entry, { secrets: setup.secrets, now: () => clock });
    clock = 301_000; // past expires_in (300 s): no more polls
    const before = backend.requests.length;
    expect(await rejection(slow.poll())).toMatchObject({ reason: 'sign_in_failed', message: expect.stringContaining('expired') });
    expect(backend.requests.length).toBe(before);
  });

  it('an access token that expires mid-job is refreshed once and the job goes on', async () => {
    const setup = await oidcSignedIn();
    const before = await setup.secrets.get(backendSecretName('fake-oidc', 'access_token'));
    const issued = backend.tokens.count('oidc');
    const sleep = steppingSleep(backend, (step) => { if (step === 2) backend.tokens.expireAll(); });
    const result = await runRemoteJob({ backend: setup.backend, secrets: setup.secrets, process: ndviComposite(), targetDir: join(setup.dir, 'oidc-out'), sleep });
    expect(backend.jobs.get(result.job_id).status).toBe('finished');
    expect(backend.tokens.count('oidc')).toBe(issued + 1);
    const after = await setup.secrets.get(backendSecretName('fake-oidc', 'access_token'));
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const refreshes = backend.requests.filter((request) => request.path.endsWith('/token') && String(request.body).includes('grant_type=refresh_token'));
    expect(refreshes).toHaveLength(1);
  });

  it('a configured provider and client are used as given; an unknown provider is named', async () => {
    const setup = await basic();
    const entry = backendEntry(backend, { id: 'cdse-pinned', auth: 'oidc', username: null, oidc_provider_id: 'CDSE', oidc_client_id: backend.oidc.clientId });
    const signIn = await DeviceSignIn.start(entry, { secrets: setup.secrets });
    backend.oidc.approve(signIn.prompt.user_code);
    await signIn.poll();
    const before = backend.requests.length;
    const session = await RemoteSession.open(entry, { secrets: setup.secrets });
    await session.call('listing jobs', (con) => con.listJobs());
    expect(backend.requests.slice(before).some((request) => request.path.includes('openid-configuration') || request.path.endsWith('/credentials/oidc'))).toBe(false);
    backend.tokens.expireAll();
    await session.call('listing jobs', (con) => con.listJobs());
    expect(backend.requests.slice(before).filter((request) => request.path.endsWith('/token')).map((request) => new URLSearchParams(String(request.body)).get('client_id'))).toEqual([backend.oidc.clientId]);
    const wrong = await rejection(DeviceSignIn.start({ ...entry, oidc_provider_id: 'EGI' }, { secrets: setup.secrets }));
    expect(wrong).toMatchObject({ reason: 'sign_in_failed', message: expect.stringContaining('no OIDC provider "EGI" (it has: CDSE)') });
  });

  it('a revoked session: the refresh is refused → "sign in to <id> again", and the tokens are forgotten', async () => {
    const setup = await oidcSignedIn();
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    await session.call('listing jobs', (con) => con.listJobs());
    backend.tokens.expireAll();
    backend.oidc.revokeRefreshTokens();
    const error = await rejection(session.call('listing jobs', (con) => con.listJobs()));
    expect(error).toMatchObject({ reason: 'sign_in_required', code: 'unprocessable', backendId: 'fake-oidc' });
    expect(error.message).toMatch(/^sign in to fake-oidc again: /);
    expect(await setup.secrets.get(backendSecretName('fake-oidc', 'access_token'))).toBeUndefined();
    expect(await setup.secrets.get(backendSecretName('fake-oidc', 'refresh_token'))).toBeUndefined();
    expect(await rejection(RemoteSession.open(setup.backend, { secrets: setup.secrets }))).toMatchObject({ reason: 'sign_in_required' });
  });
});

describe('an unreachable back-end', () => {
  it('fails to connect with a clear error, and a session in use fails its next call the same way', async () => {
    const setup = await basic();
    const session = await RemoteSession.open(setup.backend, { secrets: setup.secrets });
    await backend.setReachable(false);
    try {
      const connecting = await rejection(RemoteSession.open(setup.backend, { secrets: setup.secrets }));
      expect(connecting).toMatchObject({ reason: 'unreachable', code: 'upstream_error' });
      // A kept-alive socket the server dropped resets; a new connection is refused.
      expect(connecting.message).toMatch(new RegExp(`^the openEO back-end fake \\(${backend.url}\\) is unreachable \\((ECONNREFUSED|ECONNRESET)\\); check the URL and the network, or run the job locally$`));
      const inUse = await rejection(new BackendCatalog(session).processIds());
      expect(inUse).toMatchObject({ reason: 'unreachable', message: expect.stringMatching(/is unreachable \((ECONNREFUSED|ECONNRESET)\)/) });
    } finally {
      await backend.setReachable(true);
    }
  });

  it('an http URL that is not on this machine never gets a password: the settings refuse it', async () => {
    const { parseRemoteBackendInput } = await import('../../../electron/service/openeo/remote/backend-input');
    expect(() => parseRemoteBackendInput({ id: 'x', url: 'http://openeo.example.org', auth: 'basic', username: 'u' })).toThrow(/url: must use https/);
  });
});

describe('the secret file', () => {
  it('is created only this user can read, and holds no secret of a back-end that was signed out', async () => {
    const setup = await basic();
    const store = createFileSecretStore(setup.dir);
    await store.delete(backendSecretName('fake', 'password'));
    expect(secretFile(setup).secrets).toEqual({});
    expect(statSync(join(setup.dir, SECRET_FILE_NAME)).mode & 0o777).toBe(0o600);
  });
});
