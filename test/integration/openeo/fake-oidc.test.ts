/**
 * Signing in to the fake remote back-end the way the Copernicus Data Space wants it: the OIDC
 * device authorization grant with PKCE (RFC 8628), then refresh tokens. @openeo/js-client cannot
 * run this in Node (its OidcProvider drives oidc-client's browser redirect/popup, which needs
 * window and localStorage; it has no device flow), so the flow is plain HTTP here and the access
 * token is handed to js-client with `setAuthToken('oidc', providerId, token)`.
 */
import { OpenEO, type Connection } from '@openeo/js-client';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenEo, type FakeOpenEo } from '../../helpers/fake-openeo';

let backend: FakeOpenEo;
beforeAll(async () => { backend = await startFakeOpenEo(); });
afterAll(async () => { await backend.close(); });
afterEach(() => { expect(backend.contractViolations).toEqual([]); });

interface OidcProviderInfo { id: string; issuer: string; scopes: string[]; default_clients: Array<{ id: string; grant_types: string[] }> }
interface TokenAnswer { access_token?: string; refresh_token?: string; error?: string }

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return await response.json() as T;
}

async function postForm(url: string, form: Record<string, string>): Promise<{ status: number; body: TokenAnswer & Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: response.status, body: await response.json() as TokenAnswer & Record<string, unknown> };
}

async function oidcDiscovery(): Promise<{ provider: OidcProviderInfo; clientId: string; device: string; token: string }> {
  const { providers } = await getJson<{ providers: OidcProviderInfo[] }>(`${backend.apiUrl}/credentials/oidc`);
  const provider = providers[0];
  const client = provider.default_clients.find((candidate) => candidate.grant_types.includes('urn:ietf:params:oauth:grant-type:device_code+pkce'));
  if (!client) throw new Error('no default client for the device code flow');
  const configuration = await getJson<{ device_authorization_endpoint: string; token_endpoint: string }>(`${provider.issuer}/.well-known/openid-configuration`);
  return { provider, clientId: client.id, device: configuration.device_authorization_endpoint, token: configuration.token_endpoint };
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('OIDC device code flow with PKCE', () => {
  it('is pending until the user approves the code, then gives tokens js-client sends as "Bearer oidc/<provider>/<token>"', async () => {
    const { provider, clientId, device, token } = await oidcDiscovery();
    expect(provider.id).toBe(backend.oidc.providerId);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorization = await postForm(device, { client_id: clientId, scope: provider.scopes.join(' '), code_challenge: challenge, code_challenge_method: 'S256' });
    expect(authorization.status).toBe(200);
    const { device_code: deviceCode, user_code: userCode, verification_uri: verificationUri } = authorization.body as Record<string, string>;
    expect(verificationUri).toBe(`${provider.issuer}/device`);
    expect(backend.oidc.pendingUserCodes()).toContain(userCode);

    const poll = (codeVerifier: string) => postForm(token, { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: clientId, code_verifier: codeVerifier });
    expect(await poll(verifier)).toMatchObject({ status: 400, body: { error: 'authorization_pending' } });
    backend.oidc.approve(userCode, 'analyst@example.org');
    expect(await poll('not-the-verifier')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const granted = await poll(verifier);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), refresh_token: expect.any(String) });
    expect(await poll(verifier)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const con: Connection = await OpenEO.connect(backend.url);
    con.setAuthToken('oidc', provider.id, granted.body.access_token as string);
    const me = await con.describeAccount();
    expect(me).toMatchObject({ user_id: 'analyst_example.org', name: 'analyst@example.org' });
    expect(backend.requests[backend.requests.length - 1].headers.authorization).toBe(`Bearer oidc/${provider.id}/${granted.body.access_token}`);
  });

  it('an access token that expires mid-job is replaced through the refresh token; a revoked session must sign in again', async () => {
    const { provider, clientId, device, token } = await oidcDiscovery();
    const authorization = await postForm(device, { client_id: clientId, scope: 'openid offline_access' });
    const { device_code: deviceCode, user_code: userCode } = authorization.body as Record<string, string>;
    backend.oidc.approve(userCode);
    const first = await postForm(token, { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: clientId });
    const con = await OpenEO.connect(backend.url);
    con.setAuthToken('oidc', provider.id, first.body.access_token as string);
    await con.listJobs();

    backend.tokens.expireAll();
    await expect(con.listJobs()).rejects.toMatchObject({ code: 'TokenInvalid', response: { status: 403 } });
    const refreshed = await postForm(token, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string, client_id: clientId });
    expect(refreshed.status).toBe(200);
    con.setAuthToken('oidc', provider.id, refreshed.body.access_token as string);
    await con.listJobs();

    backend.oidc.revokeRefreshTokens();
    const refused = await postForm(token, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token as string, client_id: clientId });
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('denied and expired device codes end polling with access_denied and expired_token', async () => {
    const { clientId, device, token } = await oidcDiscovery();
    const start = async () => (await postForm(device, { client_id: clientId, scope: 'openid' })).body as Record<string, string>;
    const denied = await start();
    const expired = await start();
    backend.oidc.deny(denied.user_code);
    backend.oidc.expire(expired.user_code);
    expect(await postForm(token, { grant_type: DEVICE_GRANT, device_code: denied.device_code, client_id: clientId })).toMatchObject({ status: 400, body: { error: 'access_denied' } });
    expect(await postForm(token, { grant_type: DEVICE_GRANT, device_code: expired.device_code, client_id: clientId })).toMatchObject({ status: 400, body: { error: 'expired_token' } });
    expect(await postForm(device, { client_id: 'someone-else', scope: 'openid' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});
