/**
 * The OIDC device sign-ins in progress, held in memory: at most one per back-end (a new start
 * replaces the old one), each polling the provider in the background at the interval it asks for
 * until the user approves (tokens stored by DeviceSignIn), denies, or the code expires. The
 * outcome stays readable until the next start or sign-out. The device code and PKCE verifier
 * never leave this process; a restart forgets them (the user starts again).
 */
import { DeviceSignIn } from '../remote/device-sign-in';
import type { FetchLike } from '../remote/oidc-client';
import type { SecretStore } from '../remote/secret-store';
import type { Sleep } from '../remote/sleep';
import type { DeviceSignInPrompt, RemoteBackend } from '../remote/types';

export interface DeviceSignInsDeps {
  secrets: SecretStore;
  shutdownSignal: AbortSignal;
  fetch?: FetchLike;
  /** The wait between polls (tests); default a real timer. */
  sleep?: Sleep;
}

export type DeviceSignInStatus =
  | { state: 'pending'; prompt: DeviceSignInPrompt }
  | { state: 'signed_in' }
  | { state: 'failed'; message: string };

interface Entry {
  status: DeviceSignInStatus;
  controller: AbortController;
}

export class DeviceSignIns {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: DeviceSignInsDeps) {}

  /** Asks the back-end's provider for a code and starts waiting for the user; answers what to show. */
  async start(backend: RemoteBackend): Promise<DeviceSignInPrompt> {
    this.cancel(backend.id);
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, this.deps.shutdownSignal]);
    const signIn = await DeviceSignIn.start(backend, { secrets: this.deps.secrets, fetch: this.deps.fetch, signal });
    const entry: Entry = { status: { state: 'pending', prompt: signIn.prompt }, controller };
    this.entries.set(backend.id, entry);
    signIn.waitUntilSignedIn({ signal, sleep: this.deps.sleep }).then(
      () => { entry.status = { state: 'signed_in' }; },
      (error: unknown) => {
        if (signal.aborted) return;
        entry.status = { state: 'failed', message: error instanceof Error ? error.message : `signing in to ${backend.id} failed` };
      },
    );
    return signIn.prompt;
  }

  /** The sign-in of a back-end started here, if any. */
  status(backendId: string): DeviceSignInStatus | undefined {
    return this.entries.get(backendId)?.status;
  }

  /** Stops and forgets a back-end's sign-in (sign-out, a changed or removed entry). */
  cancel(backendId: string): void {
    const entry = this.entries.get(backendId);
    if (!entry) return;
    entry.controller.abort(new DOMException(`the sign-in to ${backendId} was replaced or cancelled`, 'AbortError'));
    this.entries.delete(backendId);
  }
}
