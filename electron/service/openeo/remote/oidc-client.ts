/**
 * OpenID Connect for openEO back-ends, as the Python openEO client does it, with plain fetch
 * (@openeo/js-client's OIDC needs a browser): the provider and client from the back-end's
 * `GET /credentials/oidc` (a `default_clients` entry with the device-code grant, or the configured
 * ones), the provider's discovery document, the device authorization request with PKCE
 * (RFC 8628 + RFC 7636 S256), the token polls and refresh-token grants. No token or code is ever
 * put into an error message.
 */
import { createHash, randomBytes } from 'node:crypto';
import { RemoteOpenEoError } from './remote-errors';
import type { DeviceSignInPrompt, OidcTokens, RemoteBackend } from './types';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEVICE_GRANTS = [`${DEVICE_CODE_GRANT}+pkce`, DEVICE_CODE_GRANT];
const REQUEST_TIMEOUT_MS = 30_000;

export type FetchLike = typeof fetch;

interface ProviderEntry { id?: unknown; issuer?: unknown; scopes?: unknown; default_clients?: unknown }
interface ClientEntry { id?: unknown; grant_types?: unknown }

/** Where and as whom a back-end's OIDC sign-in happens. */
export interface OidcEndpoints {
  providerId: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  deviceAuthorizationEndpoint: string;
  tokenEndpoint: string;
}

export interface DeviceAuthorization extends DeviceSignInPrompt {
  deviceCode: string;
  codeVerifier: string;
}

export type DeviceTokenPoll = { state: 'granted'; tokens: OidcTokens } | { state: 'pending' } | { state: 'slow_down' };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function failure(backendId: string, message: string): RemoteOpenEoError {
  return new RemoteOpenEoError('sign_in_failed', backendId, `signing in to ${backendId} failed: ${message}`);
}

/** Tokens travel only over https (http on loopback, for a back-end on this machine). */
function secureUrl(value: unknown, backendId: string, what: string): string {
  try {
    const url = new URL(String(value));
    if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return url.href;
  } catch {
    // Reported below.
  }
  throw failure(backendId, `the ${what} is not an https URL`);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export class OidcClient {
  constructor(private readonly backendId: string, private readonly fetchImpl: FetchLike = fetch) {}

  private async request(url: string, init: RequestInit, what: string, signal?: AbortSignal): Promise<{ status: number; body: Record<string, unknown> }> {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.fetchImpl(url, { redirect: 'error', ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new RemoteOpenEoError('unreachable', this.backendId, `${what} of ${this.backendId} is unreachable (${code})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw failure(this.backendId, `${what} answered HTTP ${response.status} without JSON`);
    }
    return { status: response.status, body: typeof body === 'object' && body !== null ? body as Record<string, unknown> : {} };
  }

  private getJson(url: string, what: string, signal?: AbortSignal) {
    return this.request(url, { headers: { accept: 'application/json' }, redirect: 'follow' }, what, signal);
  }

  private postForm(url: string, form: Record<string, string>, what: string, signal?: AbortSignal) {
    return this.request(url, {
      // Codes and tokens are never re-sent to wherever a redirect points.
      method: 'POST', body: new URLSearchParams(form), redirect: 'error',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    }, what, signal);
  }

  /** The provider and client to use, from `GET {apiUrl}/credentials/oidc` and the provider's discovery document. */
  async endpoints(apiUrl: string, backend: Pick<RemoteBackend, 'oidc_provider_id' | 'oidc_client_id'>, signal?: AbortSignal): Promise<OidcEndpoints> {
    const listing = await this.getJson(`${apiUrl}/credentials/oidc`, 'the OIDC provider list', signal);
    if (listing.status !== 200 || !Array.isArray(listing.body.providers)) throw failure(this.backendId, `the back-end lists no OIDC providers (HTTP ${listing.status})`);
    const providers = listing.body.providers as ProviderEntry[];
    const deviceClient = (provider: ProviderEntry): ClientEntry | undefined => (Array.isArray(provider.default_clients) ? provider.default_clients as ClientEntry[] : [])
      .find((client) => typeof client.id === 'string' && stringList(client.grant_types).some((grant) => DEVICE_GRANTS.includes(grant)));
    const provider = backend.oidc_provider_id
      ? providers.find((candidate) => candidate.id === backend.oidc_provider_id)
      : providers.find((candidate) => deviceClient(candidate)) ?? (backend.oidc_client_id ? providers[0] : undefined);
    if (!provider || typeof provider.id !== 'string') {
      const ids = providers.map((candidate) => String(candidate.id)).join(', ') || 'none';
      throw failure(this.backendId, backend.oidc_provider_id
        ? `the back-end has no OIDC provider "${backend.oidc_provider_id}" (it has: ${ids})`
        : `no OIDC provider of the back-end offers a client for the device-code sign-in (providers: ${ids}); configure a client id`);
    }
    const clientId = backend.oidc_client_id ?? deviceClient(provider)?.id;
    if (typeof clientId !== 'string') throw failure(this.backendId, `provider ${provider.id} offers no client for the device-code sign-in; configure a client id`);
    const issuer = secureUrl(provider.issuer, this.backendId, 'OIDC issuer').replace(/\/+$/, '');
    const discovery = await this.getJson(`${issuer}/.well-known/openid-configuration`, 'the OIDC provider', signal);
    if (discovery.status !== 200) throw failure(this.backendId, `the OIDC provider's discovery document answered HTTP ${discovery.status}`);
    if (typeof discovery.body.device_authorization_endpoint !== 'string') throw failure(this.backendId, `the OIDC provider ${provider.id} does not offer the device-code sign-in`);
    const supported = stringList(discovery.body.scopes_supported);
    const scopes = [...new Set(['openid', ...stringList(provider.scopes), ...(supported.includes('offline_access') ? ['offline_access'] : [])])];
    return {
      providerId: provider.id, issuer, clientId, scopes,
      deviceAuthorizationEndpoint: secureUrl(discovery.body.device_authorization_endpoint, this.backendId, 'device authorization endpoint'),
      tokenEndpoint: secureUrl(discovery.body.token_endpoint, this.backendId, 'token endpoint'),
    };
  }

  /** Starts a device-code sign-in (RFC 8628 §3.1) with a fresh PKCE verifier. */
  async authorizeDevice(endpoints: OidcEndpoints, signal?: AbortSignal): Promise<DeviceAuthorization> {
    const codeVerifier = randomBytes(32).toString('base64url');
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const { status, body } = await this.postForm(endpoints.deviceAuthorizationEndpoint, {
      client_id: endpoints.clientId, scope: endpoints.scopes.join(' '), code_challenge: codeChallenge, code_challenge_method: 'S256',
    }, 'the OIDC device authorization', signal);
    if (status !== 200 || typeof body.device_code !== 'string' || typeof body.user_code !== 'string' || typeof body.verification_uri !== 'string') {
      throw failure(this.backendId, `the device authorization was refused (HTTP ${status}${typeof body.error === 'string' ? ` ${body.error}` : ''})`);
    }
    return {
      deviceCode: body.device_code, codeVerifier, user_code: body.user_code,
      verification_uri: secureUrl(body.verification_uri, this.backendId, 'verification URI'),
      verification_uri_complete: typeof body.verification_uri_complete === 'string' ? secureUrl(body.verification_uri_complete, this.backendId, 'verification URI') : null,
      expires_in: typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 600,
      interval: typeof body.interval === 'number' && body.interval > 0 ? body.interval : 5,
    };
  }

  /** One poll of the token endpoint (RFC 8628 §3.4–3.5). Denied or expired → sign_in_failed. */
  async pollDeviceToken(endpoints: OidcEndpoints, authorization: Pick<DeviceAuthorization, 'deviceCode' | 'codeVerifier'>, signal?: AbortSignal): Promise<DeviceTokenPoll> {
    const { status, body } = await this.postForm(endpoints.tokenEndpoint, {
      grant_type: DEVICE_CODE_GRANT, device_code: authorization.deviceCode, client_id: endpoints.clientId, code_verifier: authorization.codeVerifier,
    }, 'the OIDC token endpoint', signal);
    if (status === 200) return { state: 'granted', tokens: this.tokens(body) };
    switch (body.error) {
      case 'authorization_pending': return { state: 'pending' };
      case 'slow_down': return { state: 'slow_down' };
      case 'access_denied': throw failure(this.backendId, 'the sign-in was denied');
      case 'expired_token': throw failure(this.backendId, 'the code expired before the sign-in was completed; start again');
      default: throw failure(this.backendId, `the token endpoint answered HTTP ${status}${typeof body.error === 'string' ? ` ${body.error}` : ''}`);
    }
  }

  /** A new access token for a refresh token; undefined when the provider refuses it (session ended: sign in again). */
  async refresh(endpoints: OidcEndpoints, refreshToken: string, signal?: AbortSignal): Promise<OidcTokens | undefined> {
    const { status, body } = await this.postForm(endpoints.tokenEndpoint, {
      grant_type: 'refresh_token', refresh_token: refreshToken, client_id: endpoints.clientId,
    }, 'the OIDC token endpoint', signal);
    if (status === 200) return this.tokens(body, refreshToken);
    if (body.error === 'invalid_grant' || status === 401) return undefined;
    throw failure(this.backendId, `refreshing the token answered HTTP ${status}${typeof body.error === 'string' ? ` ${body.error}` : ''}`);
  }

  private tokens(body: Record<string, unknown>, previousRefresh: string | null = null): OidcTokens {
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) throw failure(this.backendId, 'the token endpoint gave no access token');
    return { access_token: body.access_token, refresh_token: typeof body.refresh_token === 'string' ? body.refresh_token : previousRefresh };
  }
}
