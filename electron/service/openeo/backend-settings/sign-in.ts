/**
 * Signing in to and out of a remote back-end (the sign-in routes): basic checks the password with
 * the back-end before it is stored (a refused one → 400 naming `password`, and nothing is stored);
 * OIDC starts a device sign-in (device-sign-ins.ts). The status combines the sign-in in progress
 * with whether secrets are stored. Nothing here returns or logs a secret.
 */
import { AppError, invalidParameter, notFound } from '../../api/errors';
import { isRemoteOpenEoError } from '../remote/remote-errors';
import type { RemoteBackendStore } from '../remote/backend-registry';
import { RemoteSession } from '../remote/remote-session';
import { backendSecretName, type SecretStore } from '../remote/secret-store';
import type { FetchLike } from '../remote/oidc-client';
import type { RemoteBackend } from '../remote/types';
import type { DeviceSignIns } from './device-sign-ins';
import type { SignInState } from './types';

const MAX_PASSWORD = 1000;
const CHECK_TIMEOUT_MS = 20_000;

export interface SignInDeps {
  backends: RemoteBackendStore;
  secrets: SecretStore;
  deviceSignIns: DeviceSignIns;
  fetch?: FetchLike;
}

/** The store as a session sees it, with a password that is not stored (yet). */
function withPassword(store: SecretStore, backendId: string, password: string): SecretStore {
  const name = backendSecretName(backendId, 'password');
  return {
    get: (key) => (key === name ? Promise.resolve(password) : store.get(key)),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(),
  };
}

export function backendOf(backends: RemoteBackendStore, id: string): RemoteBackend {
  const backend = backends.get(id);
  if (!backend) throw notFound(`no remote back-end with id ${id} in the settings`);
  return backend;
}

function passwordOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidParameter('body', 'must be a JSON object: {"password": "…"} for basic back-ends, {} for OIDC');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => key !== 'password');
  if (unknown) throw invalidParameter(unknown.slice(0, 100), 'is not a field of a sign-in; send {"password": "…"} (basic) or {} (OIDC)');
  if (record.password === undefined) return undefined;
  if (typeof record.password !== 'string' || record.password.length === 0 || record.password.length > MAX_PASSWORD) {
    throw invalidParameter('password', `must be a non-empty string of at most ${MAX_PASSWORD} characters`);
  }
  return record.password;
}

async function signInBasic(backend: RemoteBackend, password: string | undefined, deps: SignInDeps): Promise<SignInState> {
  if (password === undefined) throw invalidParameter('password', `is required: ${backend.id} uses basic authentication`);
  try {
    await RemoteSession.open(backend, { secrets: withPassword(deps.secrets, backend.id, password), fetch: deps.fetch, requestTimeoutMs: CHECK_TIMEOUT_MS });
  } catch (error) {
    if (isRemoteOpenEoError(error, 'sign_in_required')) {
      throw invalidParameter('password', `${backend.url} refused the user name or password of ${backend.id}`);
    }
    throw error;
  }
  await deps.backends.setPassword(backend.id, password);
  return { state: 'signed_in' };
}

/** POST …/sign-in. */
export async function signIn(id: string, body: unknown, deps: SignInDeps): Promise<SignInState> {
  const backend = backendOf(deps.backends, id);
  const password = passwordOf(body);
  if (backend.auth === 'basic') return signInBasic(backend, password, deps);
  if (password !== undefined) throw invalidParameter('password', `${backend.id} signs in with OIDC in the browser: send no password`);
  try {
    const prompt = await deps.deviceSignIns.start(backend);
    return { state: 'pending', ...prompt };
  } catch (error) {
    if (isRemoteOpenEoError(error, 'sign_in_failed')) throw new AppError('unprocessable', error.message, { details: error.details });
    throw error;
  }
}

/** GET …/sign-in. */
export async function signInStatus(id: string, deps: SignInDeps): Promise<SignInState> {
  const backend = backendOf(deps.backends, id);
  const started = deps.deviceSignIns.status(id);
  if (started?.state === 'pending') return { state: 'pending', ...started.prompt };
  if (started?.state === 'failed') return { state: 'failed', message: started.message };
  return (await deps.backends.view(backend)).signed_in ? { state: 'signed_in' } : { state: 'signed_out' };
}

/** DELETE …/sign-in: the secrets go, a sign-in in progress stops. */
export async function signOut(id: string, deps: SignInDeps): Promise<void> {
  backendOf(deps.backends, id);
  deps.deviceSignIns.cancel(id);
  await deps.backends.signOut(id);
}
