/**
 * The error format of the local openEO back-end's routes (/api/v1/openeo/…): openEO's
 * `{id, code, message, links}` with the HTTP status errors.json gives the code — for every failure
 * there, auth, 404s, bad input and fastify's own errors included, never the ASTRA error shape.
 * An OpenEoError keeps its code; an ASTRA error (AppError) is mapped by its code (CODE_OF): to an
 * errors.json code where one fits, else to the back-end's HTTP-level codes (BadRequest,
 * PayloadTooLarge, TooManyRequests, …), keeping its status. Used by http/error-handler.ts.
 */
import type { FastifyRequest } from 'fastify';
import { echo } from '../api/echo';
import { isAppError, type AppError } from '../api/errors';
import type { ErrorCode } from '../api/types';
import { isOpenEoError, openEoStatus, type OpenEoErrorCode } from '../openeo/graph';
import { OPENEO_ROOT } from '../openeo/local';
import { familyOf } from './route-access';

const MESSAGE_LIMIT = 1000;

export interface OpenEoErrorBody {
  id: string;
  code: string;
  message: string;
  links: Array<{ rel: string; href: string }>;
}

const CODE_OF: Readonly<Record<ErrorCode, OpenEoErrorCode>> = {
  invalid_parameter: 'BadRequest',
  invalid_json: 'BadRequest',
  unauthorized: 'AuthenticationRequired',
  forbidden: 'PermissionsInsufficient',
  insufficient_scope: 'PermissionsInsufficient',
  not_found: 'NotFound',
  conflict: 'Conflict',
  request_timeout: 'RequestTimeout',
  payload_too_large: 'PayloadTooLarge',
  uri_too_long: 'UriTooLong',
  range_not_satisfiable: 'RangeNotSatisfiable',
  unprocessable: 'ProcessParameterInvalid',
  rate_limited: 'TooManyRequests',
  headers_too_large: 'HeadersTooLarge',
  internal: 'Internal',
  upstream_error: 'UpstreamError',
  service_unavailable: 'InfrastructureBusy',
  upstream_timeout: 'UpstreamTimeout',
  insufficient_storage: 'InsufficientStorage',
};

/** Whether a path (or absolute-form target) is under the openEO root. */
export function isOpenEoPath(url: string): boolean {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('?')[0];
  return path === OPENEO_ROOT || path.startsWith(`${OPENEO_ROOT}/`);
}

/** Whether this request's errors are answered in openEO's format: an openEO route, or no route under the openEO root. */
export function answersOpenEo(request: FastifyRequest): boolean {
  return familyOf(request) === 'openeo' || (request.is404 && isOpenEoPath(request.url));
}

export function openEoBody(id: string, code: string, message: string): OpenEoErrorBody {
  return { id, code, message: echo(message, MESSAGE_LIMIT), links: [] };
}

/** An AppError's openEO code and status. */
export function openEoCodeOf(error: AppError): { code: OpenEoErrorCode; status: number } {
  const code = CODE_OF[error.code] ?? 'BadRequest';
  // 422 has no openEO counterpart: a request the engine cannot process is a 400 ProcessParameterInvalid.
  return { code, status: error.status === 422 ? 400 : error.status ?? openEoStatus(code) };
}

/**
 * The answer to `error` on an openEO route. `asAppError` turns anything that is not an
 * OpenEoError into an AppError (http/error-handler.ts toAppError: validation, bad JSON, unknowns → 500).
 */
export function openEoAnswer(error: unknown, requestId: string, asAppError: (error: unknown) => AppError): { status: number; body: OpenEoErrorBody } {
  if (isOpenEoError(error)) return { status: error.status, body: openEoBody(requestId, error.code, error.message) };
  const appError = isAppError(error) ? error : asAppError(error);
  const { code, status } = openEoCodeOf(appError);
  return { status, body: openEoBody(requestId, code, appError.message) };
}

function parsed(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * An error answer written in another format (the ASTRA shape, a plugin's text) rewritten as an
 * openEO error with the same status; null when it already is one.
 */
export function asOpenEoErrorText(status: number, text: string | null, requestId: string, fromAstra: (code: ErrorCode, message: string) => AppError): string | null {
  const body = text === null ? null : parsed(text);
  if (body && typeof body.code === 'string' && typeof body.message === 'string') return null;
  const astra = body?.error as { code?: unknown; message?: unknown } | undefined;
  if (astra && typeof astra.code === 'string' && typeof astra.message === 'string' && astra.code in CODE_OF) {
    const { code } = openEoCodeOf(fromAstra(astra.code as ErrorCode, astra.message));
    return JSON.stringify(openEoBody(requestId, code, astra.message));
  }
  const code: OpenEoErrorCode = status === 404 ? 'NotFound' : status === 429 ? 'TooManyRequests' : status >= 500 ? 'Internal' : 'BadRequest';
  const message = text && !text.trimStart().startsWith('{') ? text : `HTTP ${status}`;
  return JSON.stringify(openEoBody(requestId, code, message));
}
