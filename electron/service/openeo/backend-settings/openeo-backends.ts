/**
 * The remote back-ends as the settings routes see them: the list (views without secrets), its
 * replacement from a PUT body, and signing in and out. Built once by server.ts (ServiceContext
 * `openEo`); the job side (openeo/offload) reads the same store and secrets.
 */
import type { RemoteBackendStore } from '../remote/backend-registry';
import type { FetchLike } from '../remote/oidc-client';
import type { SecretStore } from '../remote/secret-store';
import type { Sleep } from '../remote/sleep';
import type { RemoteBackendView } from '../remote/types';
import { parseBackendList, replaceBackends } from './backend-list';
import { DeviceSignIns } from './device-sign-ins';
import { signIn, signInStatus, signOut, type SignInDeps } from './sign-in';
import type { SignInState } from './types';

export interface OpenEoBackendsDeps {
  store: RemoteBackendStore;
  secrets: SecretStore;
  shutdownSignal: AbortSignal;
  fetch?: FetchLike;
  /** The wait between device sign-in polls (tests). */
  sleep?: Sleep;
}

export class OpenEoBackends {
  readonly store: RemoteBackendStore;
  private readonly signIns: SignInDeps;

  constructor(deps: OpenEoBackendsDeps) {
    this.store = deps.store;
    this.signIns = {
      backends: deps.store, secrets: deps.secrets, fetch: deps.fetch,
      deviceSignIns: new DeviceSignIns({ secrets: deps.secrets, shutdownSignal: deps.shutdownSignal, fetch: deps.fetch, sleep: deps.sleep }),
    };
  }

  views(): Promise<RemoteBackendView[]> {
    return Promise.all(this.store.list().map((backend) => this.store.view(backend)));
  }

  /** Validates the whole list first (400 naming `openeo_backends[i].<field>`), then replaces the stored one. */
  async replace(value: unknown): Promise<void> {
    const entries = parseBackendList(value);
    for (const id of await replaceBackends(this.store, entries)) this.signIns.deviceSignIns.cancel(id);
  }

  signIn(id: string, body: unknown): Promise<SignInState> {
    return signIn(id, body, this.signIns);
  }

  signInStatus(id: string): Promise<SignInState> {
    return signInStatus(id, this.signIns);
  }

  signOut(id: string): Promise<void> {
    return signOut(id, this.signIns);
  }
}
