/**
 * The checks a job for a remote back-end passes before it is queued (nothing is created remotely):
 * the back-end is configured, the app is online, someone signed in, and — one connection to the
 * back-end — the graph's processes, output format, collections and bands are all there
 * (prepareProcess). Failures name `on`: 400 unknown back-end, 409 offline or not signed in (the
 * message says "sign in to <id>"), 422 missing processes / unmappable collections or bands (with
 * `missing`), 502 unreachable or refusing.
 */
import { AppError, invalidParameter } from '../../api/errors';
import type { OpenEoProcess } from '../graph';
import { BackendCatalog } from '../remote/backend-catalog';
import { prepareProcess, type PreparedProcess } from '../remote/prepare-process';
import { isRemoteOpenEoError, type RemoteFailureReason } from '../remote/remote-errors';
import { RemoteSession } from '../remote/remote-session';
import type { RemoteBackend } from '../remote/types';
import type { OffloadDeps } from './offload-deps';

const DEFAULT_CHECK_TIMEOUT_MS = 20_000;
const REFUSED: readonly RemoteFailureReason[] = ['unsupported_processes', 'unsupported_format', 'unmappable_collection', 'unmappable_band'];

/** The configured back-end `on` names; 400 naming `on` (with the configured ids) when there is none. */
export function configuredBackend(on: string, deps: Pick<OffloadDeps, 'backends'>): RemoteBackend {
  const backend = deps.backends.get(on);
  if (backend) return backend;
  const ids = deps.backends.list().map((entry) => entry.id);
  throw invalidParameter('on', `unknown back-end "${on}"; ${ids.length ? `configured: ${ids.join(', ')}, or` : 'none is configured (Settings → Remote back-ends); use'} "local"`);
}

/** The configured back-end `on` names, signed in and usable now (no network). */
export async function usableBackend(on: string, deps: Pick<OffloadDeps, 'backends' | 'offline'>): Promise<RemoteBackend> {
  const backend = configuredBackend(on, deps);
  if (deps.offline()) {
    throw new AppError('conflict', `on: the app is offline; a job on ${on} needs the network (switch off offline mode, or run it locally)`, { parameter: 'on', details: { backend: on } });
  }
  if (!(await deps.backends.view(backend)).signed_in) {
    throw new AppError('conflict', `on: sign in to ${on} first (Settings → Remote back-ends)`, { parameter: 'on', details: { reason: 'sign_in_required', backend: on } });
  }
  return backend;
}

/** A remote failure as the answer to POST /jobs. */
function postTimeError(error: unknown): unknown {
  if (!isRemoteOpenEoError(error)) return error;
  if (error.reason === 'sign_in_required') {
    return new AppError('conflict', `on: ${error.message}`, { parameter: 'on', details: error.details });
  }
  if (REFUSED.includes(error.reason)) {
    return new AppError('unprocessable', `on: ${error.message}`, { parameter: 'on', details: error.details });
  }
  return error;
}

/** Connects, signs in and prepares the graph for the back-end, creating nothing there. */
export async function checkOnBackend(backend: RemoteBackend, process: OpenEoProcess, deps: Pick<OffloadDeps, 'secrets' | 'fetch' | 'checkTimeoutMs' | 'shutdownSignal'>): Promise<PreparedProcess> {
  const signal = deps.shutdownSignal;
  try {
    const session = await RemoteSession.open(backend, { secrets: deps.secrets, fetch: deps.fetch, requestTimeoutMs: deps.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, signal });
    return await prepareProcess(process, new BackendCatalog(session), backend, signal);
  } catch (error) {
    throw postTimeError(error);
  }
}
