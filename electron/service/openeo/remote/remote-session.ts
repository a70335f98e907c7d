/**
 * A signed-in connection to one remote openEO back-end through @openeo/js-client. Every call to
 * the back-end goes through `call()`: no answer → `unreachable`; a token the back-end refuses
 * (401 AuthenticationRequired, 403 TokenInvalid) → renewed ONCE (OIDC refresh token, or a new
 * basic sign-in after logging out the old one — js-client would send the old Bearer otherwise) and
 * the call retried; if that fails → `sign_in_required` ("sign in to <id> again"). Calls have a
 * deadline and follow an AbortSignal (js-client takes none, so the late answer is dropped).
 */
import { OpenEO, type Connection } from '@openeo/js-client';
import { OidcClient, type FetchLike, type OidcEndpoints } from './oidc-client';
import {
  httpStatusOf, isTokenRejected, networkCodeOf, openEoCodeOf, remoteFailure, RemoteOpenEoError, signInRequiredError, unreachableError,
} from './remote-errors';
import { BackendSecrets, type SecretStore } from './secret-store';
import type { RemoteBackend } from './types';

export interface RemoteSessionOptions {
  secrets: SecretStore;
  /** For the OIDC token requests (tests, proxies); default global fetch. */
  fetch?: FetchLike;
  /** Deadline of one call to the back-end (default 2 minutes). */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** `promise`, or a rejection when the signal aborts or the deadline passes first. */
export function withDeadline<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined, onTimeout: () => Error): Promise<T> {
  promise.catch(() => undefined); // answered after we stopped waiting: nobody listens any more
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(onTimeout())), ms);
    const onAbort = () => finish(() => reject(signal?.reason));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then((value) => finish(() => resolve(value)), (error: unknown) => finish(() => reject(error)));
  });
}

export class RemoteSession {
  private oidcEndpoints: OidcEndpoints | undefined;
  /** One renewal at a time; calls that failed with the same token share it. */
  private renewal: Promise<void> | undefined;
  private tokenGeneration = 0;

  private constructor(
    readonly backend: RemoteBackend,
    readonly connection: Connection,
    private readonly secrets: BackendSecrets,
    private readonly oidc: OidcClient,
    private readonly timeoutMs: number,
  ) {}

  /** Connects (well-known discovery, capabilities) and signs in with the stored secrets. */
  static async open(backend: RemoteBackend, options: RemoteSessionOptions): Promise<RemoteSession> {
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    let connection: Connection;
    try {
      connection = await withDeadline(OpenEO.connect(backend.url), timeoutMs, options.signal, () => unreachableError(backend.id, backend.url, { code: 'ETIMEDOUT' }));
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw remoteFailure(backend.id, backend.url, 'connecting', error);
    }
    const session = new RemoteSession(backend, connection, new BackendSecrets(options.secrets, backend.id), new OidcClient(backend.id, options.fetch), timeoutMs);
    await session.signIn(options.signal);
    return session;
  }

  /** The versioned API URL the connection uses (e.g. `https://openeo.dataspace.copernicus.eu/openeo/1.2`). */
  get apiUrl(): string {
    return this.connection.getBaseUrl();
  }

  /** The Authorization header value js-client sends (for downloads that need it); undefined when not signed in. */
  authorization(): string | undefined {
    const provider = this.connection.getAuthProvider();
    const token = provider?.getToken();
    return token ? `Bearer ${token}` : undefined;
  }

  /** Runs one back-end call; `what` names the step in errors ("creating the batch job"). */
  async call<T>(what: string, fn: (connection: Connection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const generation = this.tokenGeneration;
    try {
      return await this.attempt(what, fn, signal);
    } catch (error) {
      if (!isTokenRejected(error)) throw this.failure(what, error, signal);
    }
    await this.renew(generation, signal);
    try {
      return await this.attempt(what, fn, signal);
    } catch (error) {
      if (isTokenRejected(error)) throw signInRequiredError(this.backend.id, `${this.backend.url} refused the renewed ${this.backend.auth === 'oidc' ? 'token' : 'sign-in'} (${openEoCodeOf(error) || httpStatusOf(error)})`);
      throw this.failure(what, error, signal);
    }
  }

  private attempt<T>(what: string, fn: (connection: Connection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withDeadline(fn(this.connection), this.timeoutMs, signal, () => new RemoteOpenEoError('unreachable', this.backend.id, `${what} on ${this.backend.id} got no answer within ${Math.round(this.timeoutMs / 1000)} s`));
  }

  private failure(what: string, error: unknown, signal?: AbortSignal): unknown {
    if (signal?.aborted && error === signal.reason) return error;
    return remoteFailure(this.backend.id, this.backend.url, what, error);
  }

  private async signIn(signal?: AbortSignal): Promise<void> {
    if (this.backend.auth === 'basic') return this.basicSignIn(signal);
    const access = await this.secrets.get('access_token');
    if (access) {
      await this.useOidcToken(access, signal);
      return;
    }
    await this.refreshOidc(signal);
  }

  private renew(generation: number, signal?: AbortSignal): Promise<void> {
    if (generation !== this.tokenGeneration) return Promise.resolve(); // another call renewed it meanwhile
    this.renewal ??= (this.backend.auth === 'basic' ? this.basicSignIn(signal) : this.refreshOidc(signal)).finally(() => { this.renewal = undefined; });
    return this.renewal;
  }

  private async basicSignIn(signal?: AbortSignal): Promise<void> {
    const password = await this.secrets.get('password');
    if (!password || !this.backend.username) throw signInRequiredError(this.backend.id, 'no password is stored');
    // js-client merges the current Bearer header over the Basic one of a new sign-in: log out first.
    await this.connection.getAuthProvider()?.logout();
    try {
      await withDeadline(this.connection.authenticateBasic(this.backend.username, password), this.timeoutMs, signal, () => unreachableError(this.backend.id, this.backend.url, { code: 'ETIMEDOUT' }));
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (networkCodeOf(error)) throw unreachableError(this.backend.id, this.backend.url, error);
      const status = httpStatusOf(error);
      if (status === 401 || status === 403) throw signInRequiredError(this.backend.id, `${this.backend.url} refused the user name or password (${openEoCodeOf(error) || status})`);
      throw remoteFailure(this.backend.id, this.backend.url, 'signing in', error);
    }
    this.tokenGeneration += 1;
  }

  private async useOidcToken(accessToken: string, signal?: AbortSignal): Promise<void> {
    // A configured provider id saves the discovery until a refresh needs the token endpoint.
    const providerId = this.oidcEndpoints?.providerId ?? this.backend.oidc_provider_id
      ?? (this.oidcEndpoints = await this.oidc.endpoints(this.apiUrl, this.backend, signal)).providerId;
    this.connection.setAuthToken('oidc', providerId, accessToken);
    this.tokenGeneration += 1;
  }

  private async refreshOidc(signal?: AbortSignal): Promise<void> {
    const refreshToken = await this.secrets.get('refresh_token');
    if (!refreshToken) throw signInRequiredError(this.backend.id, 'not signed in (no refresh token is stored)');
    this.oidcEndpoints ??= await this.oidc.endpoints(this.apiUrl, this.backend, signal);
    const tokens = await this.oidc.refresh(this.oidcEndpoints, refreshToken, signal);
    if (!tokens) {
      await this.secrets.delete('access_token');
      await this.secrets.delete('refresh_token');
      throw signInRequiredError(this.backend.id, 'the session ended (the refresh token was refused)');
    }
    await this.secrets.set('access_token', tokens.access_token);
    if (tokens.refresh_token) await this.secrets.set('refresh_token', tokens.refresh_token);
    await this.useOidcToken(tokens.access_token, signal);
  }
}
