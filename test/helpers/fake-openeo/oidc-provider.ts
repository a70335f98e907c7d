/**
 * A fake OpenID Connect provider with the device authorization grant (RFC 8628) the Copernicus
 * Data Space uses for openEO clients, laid out like its Keycloak realm:
 *   GET  {issuer}/.well-known/openid-configuration
 *   POST {issuer}/protocol/openid-connect/auth/device   client_id, scope, code_challenge(+_method)
 *   POST {issuer}/protocol/openid-connect/token         device_code grant (PKCE S256) | refresh_token grant
 * The token endpoint answers `authorization_pending` until the test approves the user code
 * (`approve`), like a user signing in at the verification page; `deny` and `expire` give the
 * other RFC 8628 outcomes. Refresh tokens work until `revokeRefreshTokens()`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AccessTokens } from './access-tokens';
import { CORS_HEADERS } from './openeo-http';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const ACCESS_TOKEN_SECONDS = 600;

interface DeviceAuthorization {
  userCode: string;
  clientId: string;
  scope: string;
  codeChallenge?: string;
  state: 'pending' | 'approved' | 'denied' | 'expired' | 'used';
  user?: string;
}

export interface FakeOidcProvider {
  issuer: string;
  /** The provider id in `GET /credentials/oidc` and in `Bearer oidc/<id>/<token>`. */
  providerId: string;
  /** The public client listed as default client (device code + PKCE, refresh tokens). */
  clientId: string;
  /** The user signs in at the verification page and enters this code. */
  approve(userCode: string, user?: string): void;
  deny(userCode: string): void;
  expire(userCode: string): void;
  pendingUserCodes(): string[];
  /** Refresh tokens issued so far stop working (the session ended: sign in again). */
  revokeRefreshTokens(): void;
}

/** The provider with its HTTP side, which the fake's router calls for paths under the issuer. */
export interface OidcProviderServer extends FakeOidcProvider {
  handle(method: string, path: string, body: unknown, res: ServerResponse): void;
}

export function createOidcProvider(issuer: string, providerId: string, tokens: AccessTokens): OidcProviderServer {
  const clientId = 'astra-fake-openeo-client';
  const devices = new Map<string, DeviceAuthorization>();
  const refreshTokens = new Map<string, { user: string; revoked: boolean }>();

  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: ServerResponse, error: string, description: string, status = 400): void => reply(res, status, { error, error_description: description });
  const byUserCode = (userCode: string): DeviceAuthorization => {
    const found = [...devices.values()].find((device) => device.userCode === userCode);
    if (!found) throw new Error(`fake OIDC: no device authorization with user code ${userCode}`);
    return found;
  };

  const grantTokens = (res: ServerResponse, user: string, scope: string): void => {
    const refreshToken = `refresh-${randomBytes(12).toString('hex')}`;
    refreshTokens.set(refreshToken, { user, revoked: false });
    reply(res, 200, {
      access_token: tokens.issue('oidc', user), token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken, scope,
    });
  };

  const deviceAuthorization = (form: URLSearchParams, res: ServerResponse): void => {
    if (form.get('client_id') !== clientId) return oauthError(res, 'invalid_client', 'unknown client', 401);
    const challenge = form.get('code_challenge') ?? undefined;
    if (challenge && form.get('code_challenge_method') !== 'S256') return oauthError(res, 'invalid_request', 'code_challenge_method must be S256');
    const deviceCode = randomBytes(16).toString('hex');
    const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`.toUpperCase();
    devices.set(deviceCode, { userCode, clientId, scope: form.get('scope') ?? 'openid', codeChallenge: challenge, state: 'pending' });
    reply(res, 200, {
      device_code: deviceCode, user_code: userCode, verification_uri: `${issuer}/device`,
      verification_uri_complete: `${issuer}/device?user_code=${userCode}`, expires_in: 300, interval: 5,
    });
  };

  const deviceCodeGrant = (form: URLSearchParams, res: ServerResponse): void => {
    const device = devices.get(form.get('device_code') ?? '');
    if (!device || device.clientId !== form.get('client_id')) return oauthError(res, 'invalid_grant', 'unknown device code');
    if (device.codeChallenge) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== device.codeChallenge) return oauthError(res, 'invalid_grant', 'PKCE verification failed');
    }
    if (device.state === 'pending') return oauthError(res, 'authorization_pending', 'the user has not signed in yet');
    if (device.state === 'denied') return oauthError(res, 'access_denied', 'the user denied the request');
    if (device.state === 'expired') return oauthError(res, 'expired_token', 'the device code expired');
    if (device.state === 'used') return oauthError(res, 'invalid_grant', 'the device code was already used');
    device.state = 'used';
    grantTokens(res, device.user ?? 'oidc-user', device.scope);
  };

  const refreshGrant = (form: URLSearchParams, res: ServerResponse): void => {
    const session = refreshTokens.get(form.get('refresh_token') ?? '');
    if (form.get('client_id') !== clientId) return oauthError(res, 'invalid_client', 'unknown client', 401);
    if (!session || session.revoked) return oauthError(res, 'invalid_grant', 'refresh token expired or revoked');
    grantTokens(res, session.user, form.get('scope') ?? 'openid');
  };

  return {
    issuer, providerId, clientId,
    approve: (userCode, user = 'oidc-user') => {
      const device = byUserCode(userCode);
      device.state = 'approved';
      device.user = user;
    },
    deny: (userCode) => { byUserCode(userCode).state = 'denied'; },
    expire: (userCode) => { byUserCode(userCode).state = 'expired'; },
    pendingUserCodes: () => [...devices.values()].filter((device) => device.state === 'pending').map((device) => device.userCode),
    revokeRefreshTokens: () => { for (const session of refreshTokens.values()) session.revoked = true; },
    handle(method, path, body, res) {
      const form = new URLSearchParams(typeof body === 'string' ? body : '');
      if (method === 'GET' && path === '/.well-known/openid-configuration') {
        return reply(res, 200, {
          issuer, authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
          token_endpoint: `${issuer}/protocol/openid-connect/token`,
          device_authorization_endpoint: `${issuer}/protocol/openid-connect/auth/device`,
          grant_types_supported: [DEVICE_CODE_GRANT, 'refresh_token'], code_challenge_methods_supported: ['S256'],
          response_types_supported: ['code'], scopes_supported: ['openid', 'offline_access'],
        });
      }
      if (method === 'POST' && path === '/protocol/openid-connect/auth/device') return deviceAuthorization(form, res);
      if (method === 'POST' && path === '/protocol/openid-connect/token') {
        const grant = form.get('grant_type');
        if (grant === DEVICE_CODE_GRANT) return deviceCodeGrant(form, res);
        if (grant === 'refresh_token') return refreshGrant(form, res);
        return oauthError(res, 'unsupported_grant_type', `grant_type ${grant ?? '(none)'} is not supported`);
      }
      return oauthError(res, 'invalid_request', `no OIDC endpoint ${method} ${path}`, 404);
    },
  };
}
