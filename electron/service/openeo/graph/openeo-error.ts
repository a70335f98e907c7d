/**
 * openEO API errors (`{code, message}`, HTTP status from the vendored errors.json) raised while a
 * posted process graph is read and by the local back-end's routes. One deliberate exception to
 * errors.json: `FeatureUnsupported` (501 there) is answered with 400 — a graph the local engine
 * cannot run is a property of the request, and the service never answers a request's content with
 * a 5xx. Codes errors.json lacks (HTTP-level failures such as `PayloadTooLarge`) carry their own
 * status (`BACKEND_CODE_STATUS`).
 */
import catalogue from '../spec/errors.json';

export type OpenEoErrorCode =
  | 'ProcessGraphMissing'
  | 'ProcessGraphInvalid'
  | 'ProcessUnsupported'
  | 'ProcessParameterInvalid'
  | 'ProcessParameterRequired'
  | 'ProcessParameterUnsupported'
  | 'CollectionNotFound'
  | 'FeatureUnsupported'
  | 'ProcessGraphComplexity'
  | 'ProcessInvalid'
  | 'NotFound'
  | 'JobNotFound'
  | 'JobLocked'
  | 'JobNotFinished'
  | 'JobNotStarted'
  | 'NoDataForUpdate'
  | 'PropertyNotEditable'
  | 'BillingPlanInvalid'
  | 'ResultLinkExpired'
  | 'AuthenticationRequired'
  | 'AuthenticationSchemeInvalid'
  | 'TokenInvalid'
  | 'CredentialsInvalid'
  | 'PermissionsInsufficient'
  | 'RequestTimeout'
  | 'InfrastructureBusy'
  | 'Internal'
  | BackendErrorCode;

/**
 * Codes of the local back-end for HTTP-level failures errors.json has no code for, with their
 * status: malformed requests, limits, upstream trouble.
 */
export const BACKEND_CODE_STATUS = {
  BadRequest: 400,
  PayloadTooLarge: 413,
  Conflict: 409,
  UriTooLong: 414,
  RangeNotSatisfiable: 416,
  TooManyRequests: 429,
  HeadersTooLarge: 431,
  UpstreamError: 502,
  UpstreamTimeout: 504,
  InsufficientStorage: 507,
} as const;

export type BackendErrorCode = keyof typeof BACKEND_CODE_STATUS;

const STATUS_OVERRIDES: Partial<Record<OpenEoErrorCode, number>> = { FeatureUnsupported: 400, ...BACKEND_CODE_STATUS };

/** Where to send a graph the local back-end cannot run. */
export const REMOTE_HINT = 'run it on a remote openEO back-end instead (ASTRA settings: remote back-ends; job "on": "<back-end id>")';

export function openEoStatus(code: string): number {
  const override = STATUS_OVERRIDES[code as OpenEoErrorCode];
  if (override) return override;
  const entry = (catalogue as Record<string, { http?: number }>)[code];
  return entry?.http ?? 400;
}

export class OpenEoError extends Error {
  readonly code: OpenEoErrorCode;
  readonly status: number;

  constructor(code: OpenEoErrorCode, message: string) {
    super(message);
    this.name = 'OpenEoError';
    this.code = code;
    this.status = openEoStatus(code);
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isOpenEoError(value: unknown): value is OpenEoError {
  return value instanceof OpenEoError;
}

export function graphInvalid(message: string): OpenEoError {
  return new OpenEoError('ProcessGraphInvalid', message);
}

/** Valid openEO the local engine cannot run; the message says what and where to run it instead. */
export function featureUnsupported(message: string): OpenEoError {
  return new OpenEoError('FeatureUnsupported', `${message} — the local back-end cannot run this; ${REMOTE_HINT}.`);
}

export function parameterInvalid(message: string): OpenEoError {
  return new OpenEoError('ProcessParameterInvalid', message);
}
