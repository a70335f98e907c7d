/** Per-key rate limit with X-RateLimit-* headers and 429 + Retry-After (the @fastify/rate-limit plugin). */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../api/errors';

export async function installRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    // After auth (onRequest), before validation, so rejected bodies still count.
    hook: 'preValidation',
    keyGenerator: (request) => request.apiKey?.id ?? `ip:${request.ip}`,
    allowList: (request) => request.apiKey === undefined,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`),
  });
}
