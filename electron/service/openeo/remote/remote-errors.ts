/**
 * The failures of a remote run, typed so that the job (and the UI) can say what to do: sign in
 * again, pick another back-end, look at the remote log. Each is an AppError (the job queue keeps
 * its code and message); `reason` tells them apart. Messages never carry a secret.
 */
import { AppError } from '../../api/errors';
import type { ErrorCode } from '../../api/types';
import type { RemoteLogLine } from './types';

export type RemoteFailureReason =
  | 'unreachable'
  | 'sign_in_required'
  | 'unsupported_processes'
  | 'unsupported_format'
  | 'unmappable_collection'
  | 'unmappable_band'
  | 'remote_refused'
  | 'remote_job_failed'
  | 'download_failed'
  | 'sign_in_failed';

const CODE_BY_REASON: Record<RemoteFailureReason, ErrorCode> = {
  unreachable: 'upstream_error',
  sign_in_required: 'unprocessable',
  unsupported_processes: 'unprocessable',
  unsupported_format: 'unprocessable',
  unmappable_collection: 'unprocessable',
  unmappable_band: 'unprocessable',
  remote_refused: 'upstream_error',
  remote_job_failed: 'upstream_error',
  download_failed: 'upstream_error',
  sign_in_failed: 'unprocessable',
};

export interface RemoteErrorDetails {
  /** Process ids the back-end lacks (unsupported_processes). */
  missing?: string[];
  /** The back-end's error code (e.g. `ProcessUnsupported`, `Internal`). */
  remoteCode?: string;
  /** The remote job's log lines (remote_job_failed). */
  logs?: RemoteLogLine[];
  remoteJobId?: string;
  /** HTTP status of the back-end's answer, when there was one. */
  httpStatus?: number;
}

export class RemoteOpenEoError extends AppError {
  readonly reason: RemoteFailureReason;
  readonly backendId: string;
  readonly missing: string[];
  readonly remoteCode: string | null;
  readonly logs: RemoteLogLine[];
  readonly remoteJobId: string | null;
  readonly httpStatus: number | null;

  constructor(reason: RemoteFailureReason, backendId: string, message: string, details: RemoteErrorDetails = {}) {
    // No `cause`: a js-client (axios) error carries the request config, Authorization header included,
    // and a logger that serialises causes would print it.
    super(CODE_BY_REASON[reason], message, {
      details: {
        reason, backend: backendId,
        ...(details.missing ? { missing: details.missing } : {}),
        ...(details.remoteCode ? { remote_code: details.remoteCode } : {}),
        ...(details.remoteJobId ? { remote_job_id: details.remoteJobId } : {}),
        ...(details.logs ? { remote_logs: details.logs.map((line) => ({ level: line.level, message: line.message })) } : {}),
      },
    });
    this.reason = reason;
    this.backendId = backendId;
    this.missing = details.missing ?? [];
    this.remoteCode = details.remoteCode ?? null;
    this.logs = details.logs ?? [];
    this.remoteJobId = details.remoteJobId ?? null;
    this.httpStatus = details.httpStatus ?? null;
  }
}

export function isRemoteOpenEoError(error: unknown, reason?: RemoteFailureReason): error is RemoteOpenEoError {
  return error instanceof RemoteOpenEoError && (reason === undefined || error.reason === reason);
}

/** What js-client (axios) and fetch errors look like from here. */
interface TransportError { code?: unknown; message?: unknown; response?: { status?: unknown }; cause?: { code?: unknown } }

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_NETWORK', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'EPIPE']);

/** The HTTP status of an openEO answer that failed, or undefined for transport failures. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as TransportError | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The openEO error code (`TokenInvalid`, …) js-client copied from the answer; '' when none. */
export function openEoCodeOf(error: unknown): string {
  const code = (error as TransportError | null)?.code;
  return typeof code === 'string' && httpStatusOf(error) !== undefined ? code : '';
}

/** No answer at all: connection refused or reset, name not found, timed out. */
export function networkCodeOf(error: unknown): string | undefined {
  if (httpStatusOf(error) !== undefined) return undefined;
  const failure = error as TransportError | null;
  const code = typeof failure?.code === 'string' ? failure.code : typeof failure?.cause?.code === 'string' ? failure.cause.code : undefined;
  if (code && NETWORK_CODES.has(code)) return code;
  if (failure?.message === 'fetch failed' || failure?.message === 'socket hang up') return code ?? 'ERR_NETWORK';
  return undefined;
}

/** openEO's answers to a token that expired or was revoked: 401 AuthenticationRequired, 403 TokenInvalid. */
export function isTokenRejected(error: unknown): boolean {
  const status = httpStatusOf(error);
  const code = openEoCodeOf(error);
  return (status === 401 && (code === 'AuthenticationRequired' || code === '')) || (status === 403 && code === 'TokenInvalid');
}

export function unreachableError(backendId: string, url: string, cause: unknown): RemoteOpenEoError {
  const code = networkCodeOf(cause) ?? 'no answer';
  return new RemoteOpenEoError('unreachable', backendId, `the openEO back-end ${backendId} (${url}) is unreachable (${code}); check the URL and the network, or run the job locally`);
}

export function signInRequiredError(backendId: string, why: string): RemoteOpenEoError {
  return new RemoteOpenEoError('sign_in_required', backendId, `sign in to ${backendId} again: ${why}`);
}

/**
 * Any other failure of a call to the back-end, as a RemoteOpenEoError with its openEO code and
 * message (`what`: the step, e.g. "creating the batch job"). RemoteOpenEoErrors pass unchanged.
 */
export function remoteFailure(backendId: string, url: string, what: string, error: unknown): RemoteOpenEoError {
  if (error instanceof RemoteOpenEoError) return error;
  if (networkCodeOf(error)) return unreachableError(backendId, url, error);
  const status = httpStatusOf(error);
  const code = openEoCodeOf(error);
  const message = typeof (error as TransportError | null)?.message === 'string' ? (error as { message: string }).message : String(error);
  const answered = status === undefined ? '' : ` (HTTP ${status}${code ? ` ${code}` : ''})`;
  return new RemoteOpenEoError('remote_refused', backendId, `${what} on ${backendId} failed${answered}: ${message}`, { remoteCode: code || undefined, httpStatus: status });
}
