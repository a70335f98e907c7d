/**
 * The one error catalogue of the ASTRA v1 API. Every failure the service reports is an AppError
 * with one of these codes; the HTTP edge renders it as `{"error": {code, message, parameter?}}`
 * and the renderer rebuilds it from that body (see renderer/src/api/).
 */
import type { ErrorBody, ErrorCode } from './types';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_parameter: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  insufficient_scope: 403,
  not_found: 404,
  conflict: 409,
  request_timeout: 408,
  payload_too_large: 413,
  uri_too_long: 414,
  range_not_satisfiable: 416,
  unprocessable: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
  insufficient_storage: 507,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly parameter?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { parameter?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.parameter = options.parameter;
    this.details = options.details;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.parameter ? { parameter: this.parameter } : {}),
        ...(this.details ? this.details : {}),
      },
    };
  }
}

/** Checked by code, not instanceof, so errors that crossed a worker or module boundary still count. */
export function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AppError'
    && typeof (value as { code?: unknown }).code === 'string' && (value as { code: string }).code in STATUS_BY_CODE;
}

export function invalidParameter(parameter: string, message: string): AppError {
  return new AppError('invalid_parameter', `${parameter}: ${message}`, { parameter });
}

/** 422: the request is well-formed, but what it names cannot be processed (a missing band, no overlap). */
export function unprocessable(parameter: string, message: string): AppError {
  return new AppError('unprocessable', `${parameter}: ${message}`, { parameter });
}

export function notFound(message: string): AppError {
  return new AppError('not_found', message);
}

export function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}
