/**
 * The HTTP edge of the error model: every failure leaves as the api.md JSON error body, with the
 * parameter named for validation errors and never a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../api/errors';

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
  const label = parameter ?? error.validationContext ?? 'request';
  return new AppError('invalid_parameter', `${label}: ${reason}`, { parameter: label });
}

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
    return new AppError('invalid_parameter', fe.message || 'bad request');
  }
  request.log.error({ err: error }, 'unhandled error');
  return new AppError('internal', 'internal error; see the service log');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply: FastifyReply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'rate_limited' || appError.code === 'service_unavailable') {
      // Retry-After is set by whoever raised it; keep it.
    }
    void reply.status(appError.status).type('application/json; charset=utf-8').send(appError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const err = new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    void reply.status(404).send(err.toBody());
  });
}
