/**
 * The HTTP edge of the error model: every failure leaves as the api.md JSON error body, with the
 * parameter named for validation errors and never a stack trace — fastify's own errors (bad
 * JSON, wrong content type, body too large, bad URL, over-long path segment) and the HTTP
 * parser's (stalled or oversized requests, answered on the raw socket) included. Messages and
 * parameter names are cut short, so a huge input is never echoed back.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { echo } from '../api/echo';
import { AppError, isAppError } from '../api/errors';
import type { ErrorBody, ErrorCode } from '../api/types';
import { QueueFullError } from '../jobs/job-admission';
import { answersOpenEo, asOpenEoErrorText, isOpenEoPath, openEoAnswer, openEoBody } from './openeo-errors';

/** Longest message sent; longer ones (however they came about) are cut. */
const MESSAGE_LIMIT = 1000;

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The name of the offending parameter from an ajv issue: `/bbox/0` → bbox, missing → its name. */
export function parameterOf(issue: ValidationIssue): string | undefined {
  const fromPath = issue.instancePath?.split('/').filter(Boolean)[0];
  if (fromPath) return fromPath;
  const params = issue.params ?? {};
  const named = params.missingProperty ?? params.additionalProperty ?? params.propertyName;
  return typeof named === 'string' ? named : undefined;
}

function fromValidation(error: FastifyError): AppError {
  const issue = (error.validation?.[0] ?? {}) as ValidationIssue;
  const parameter = parameterOf(issue);
  let reason = issue.message ?? 'is invalid';
  if (issue.keyword === 'additionalProperties') reason = 'is not a known parameter';
  if (issue.keyword === 'required') reason = 'is required';
  const label = echo(parameter ?? error.validationContext ?? 'request');
  return new AppError('invalid_parameter', `${label}: ${echo(reason)}`, { parameter: label });
}

/** fastify's client errors whose status has a code of its own; the rest become invalid_parameter (400). */
const CODE_BY_CLIENT_STATUS: Record<number, ErrorCode> = {
  404: 'not_found', 408: 'request_timeout', 413: 'payload_too_large', 414: 'uri_too_long', 429: 'rate_limited', 431: 'headers_too_large',
};

/** The body as sent: message and parameter cut short, whoever made the error. */
export function boundedBody(error: AppError): ErrorBody {
  const body = error.toBody();
  body.error.message = echo(body.error.message, MESSAGE_LIMIT);
  if (body.error.parameter !== undefined) body.error.parameter = echo(body.error.parameter);
  return body;
}

/** fastify's errors raised before a route is found (fastify option `frameworkErrors`). */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new AppError('uri_too_long', 'path: a path segment is longer than the service accepts')
    : error.code === 'FST_ERR_BAD_URL'
      ? new AppError('invalid_parameter', 'path: is not a valid URL (bad percent-encoding)', { parameter: 'path' })
      : new AppError('invalid_parameter', 'request: could not be routed');
  if (isOpenEoPath(request.url)) {
    const { status, body } = openEoAnswer(appError, request.id, () => appError);
    void reply.status(status).type('application/json; charset=utf-8').send(body);
    return;
  }
  void reply.status(appError.status).type('application/json; charset=utf-8').send(boundedBody(appError));
}

const CLIENT_ERRORS: Record<string, AppError> = {
  ERR_HTTP_REQUEST_TIMEOUT: new AppError('request_timeout', 'the request was not received in time (ASTRA_REQUEST_TIMEOUT_MS)'),
  HPE_HEADER_OVERFLOW: new AppError('headers_too_large', 'request line and headers are larger than the service accepts; send long id lists with POST'),
};

/**
 * Errors of the HTTP parser, before fastify sees a request (fastify option `clientErrorHandler`):
 * a stalled request, oversized headers or a long URL, malformed HTTP. Answered as JSON on the
 * socket, which is then closed.
 */
export function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError = CLIENT_ERRORS[error.code ?? ''] ?? new AppError('invalid_parameter', 'malformed HTTP request');
  // The request line, when the parser still has it: a request to the openEO back-end gets its format.
  const target = (error as { rawPacket?: Buffer }).rawPacket?.subarray(0, 4096).toString('latin1').split('\r\n')[0].split(' ')[1] ?? '';
  const body = JSON.stringify(isOpenEoPath(target) ? openEoAnswer(appError, 'client-error', () => appError).body : boundedBody(appError));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${appError.status} ${STATUS_TEXT[appError.status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** Maps anything thrown to an AppError; unknown errors become a logged 500 with a generic message. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  const fe = error as FastifyError;
  if (fe?.validation) return fromValidation(fe);
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'request body is larger than the limit');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', `body: ${fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'is empty' : 'is not valid JSON'}`, { parameter: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('invalid_parameter', 'content-type: send application/json', { parameter: 'content-type' });
    default:
      break;
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(CODE_BY_CLIENT_STATUS[fe.statusCode] ?? 'invalid_parameter', echo(fe.message || 'bad request'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return new AppError('internal', 'internal error; see the service log');
}

const CODE_BY_SERVER_STATUS: Record<number, ErrorCode> = { 502: 'upstream_error', 503: 'service_unavailable', 504: 'upstream_timeout' };

function isErrorBody(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null;
    return typeof body?.error?.code === 'string' && typeof body.error.message === 'string';
  } catch {
    return false;
  }
}

/**
 * The last line of the error format: an error answer that a plugin wrote in its own format
 * (e.g. @fastify/cors's text/plain "Invalid Preflight Request") is rewritten as the API's JSON
 * error with the same status.
 */
export function asErrorBody(status: number, payload: unknown): string | null {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
  if (text !== null && isErrorBody(text)) return null;
  const code = CODE_BY_CLIENT_STATUS[status] ?? CODE_BY_SERVER_STATUS[status] ?? (status < 500 ? 'invalid_parameter' : 'internal');
  const message = text && !text.trimStart().startsWith('{') ? text : `HTTP ${status}`;
  return JSON.stringify(boundedBody(new AppError(code, echo(message))));
}

function payloadText(payload: unknown): string | null {
  return typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || (payload !== null && typeof payload === 'object' && !Buffer.isBuffer(payload))) return payload;
    const rewritten = answersOpenEo(request)
      ? asOpenEoErrorText(reply.statusCode, payloadText(payload), request.id, (code, message) => new AppError(code, message))
      : asErrorBody(reply.statusCode, payload);
    if (rewritten === null) return payload;
    void reply.type('application/json; charset=utf-8');
    return rewritten;
  });
  app.setErrorHandler((error, request, reply: FastifyReply) => {
    if (answersOpenEo(request)) {
      // openEO routes (http/openeo-errors.ts): openEO's format, auth failures and 404s included.
      if (error instanceof QueueFullError) reply.header('retry-after', String(error.retryAfterSeconds));
      const { status, body } = openEoAnswer(error, request.id, (other) => toAppError(other, request));
      void reply.status(status).type('application/json; charset=utf-8').send(body);
      return;
    }
    const appError = toAppError(error, request);
    if (appError.code === 'rate_limited' || appError.code === 'service_unavailable') {
      // Retry-After is set by whoever raised it; keep it.
    }
    void reply.status(appError.status).type('application/json; charset=utf-8').send(boundedBody(appError));
  });
  app.setNotFoundHandler((request, reply) => {
    const err = new AppError('not_found', `no route ${echo(request.method, 20)} ${echo(request.url.split('?')[0])}`);
    if (isOpenEoPath(request.url)) {
      void reply.status(404).send(openEoBody(request.id, 'NotFound', err.message));
      return;
    }
    void reply.status(404).send(boundedBody(err));
  });
}
