/**
 * Signing in to an OIDC back-end with the device-code flow (RFC 8628) — the way the Copernicus
 * Data Space wants desktop clients to: `start()` asks the provider for a code and returns what the
 * UI shows (open `verification_uri`, enter `user_code`); `poll()` asks once whether the user has
 * approved; `waitUntilSignedIn()` polls at the provider's interval (slow_down adds 5 s) until the
 * tokens arrive, which go to the SecretStore — the device code and PKCE verifier stay in memory.
 */
import { OpenEO } from '@openeo/js-client';
import { OidcClient, type DeviceAuthorization, type FetchLike, type OidcEndpoints } from './oidc-client';
import { remoteFailure, RemoteOpenEoError } from './remote-errors';
import { BackendSecrets, type SecretStore } from './secret-store';
import type { DeviceSignInPrompt, RemoteBackend } from './types';
import { abortableSleep, type Sleep } from './sleep';

export interface DeviceSignInOptions {
  secrets: SecretStore;
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Clock for the code's expiry (tests). */
  now?: () => number;
}

export type DeviceSignInState = 'pending' | 'signed_in';

export class DeviceSignIn {
  private interval: number;
  private readonly deadline: number;
  private done = false;

  private constructor(
    readonly backend: RemoteBackend,
    private readonly client: OidcClient,
    private readonly endpoints: OidcEndpoints,
    private readonly authorization: DeviceAuthorization,
    private readonly secrets: BackendSecrets,
    private readonly now: () => number,
  ) {
    this.interval = authorization.interval;
    this.deadline = now() + authorization.expires_in * 1000;
  }

  /** Discovers the back-end's OIDC provider and client and requests a device code. */
  static async start(backend: RemoteBackend, options: DeviceSignInOptions): Promise<DeviceSignIn> {
    if (backend.auth !== 'oidc') throw new RemoteOpenEoError('sign_in_failed', backend.id, `${backend.id} uses ${backend.auth} authentication, not OIDC`);
    let apiUrl: string;
    try {
      apiUrl = (await OpenEO.connect(backend.url)).getBaseUrl();
    } catch (error) {
      throw remoteFailure(backend.id, backend.url, 'connecting', error);
    }
    const client = new OidcClient(backend.id, options.fetch);
    const endpoints = await client.endpoints(apiUrl, backend, options.signal);
    const authorization = await client.authorizeDevice(endpoints, options.signal);
    return new DeviceSignIn(backend, client, endpoints, authorization, new BackendSecrets(options.secrets, backend.id), options.now ?? Date.now);
  }

  /** What the user is shown. */
  get prompt(): DeviceSignInPrompt {
    const { verification_uri, verification_uri_complete, user_code, expires_in } = this.authorization;
    return { verification_uri, verification_uri_complete, user_code, expires_in, interval: this.interval };
  }

  get providerId(): string {
    return this.endpoints.providerId;
  }

  /** Asks the provider once; on approval the tokens are stored and the state is `signed_in`. */
  async poll(signal?: AbortSignal): Promise<DeviceSignInState> {
    if (this.done) return 'signed_in';
    if (this.now() >= this.deadline) {
      throw new RemoteOpenEoError('sign_in_failed', this.backend.id, `signing in to ${this.backend.id} failed: the code expired before the sign-in was completed; start again`);
    }
    const answer = await this.client.pollDeviceToken(this.endpoints, this.authorization, signal);
    if (answer.state === 'slow_down') this.interval += 5;
    if (answer.state !== 'granted') return 'pending';
    await this.secrets.set('access_token', answer.tokens.access_token);
    if (answer.tokens.refresh_token) await this.secrets.set('refresh_token', answer.tokens.refresh_token);
    else await this.secrets.delete('refresh_token');
    this.done = true;
    return 'signed_in';
  }

  /** Polls at the provider's interval until signed in; rejects when denied, expired or aborted. */
  async waitUntilSignedIn(options: { signal?: AbortSignal; sleep?: Sleep } = {}): Promise<void> {
    const sleep = options.sleep ?? abortableSleep;
    while ((await this.poll(options.signal)) === 'pending') await sleep(this.interval * 1000, options.signal);
  }
}
