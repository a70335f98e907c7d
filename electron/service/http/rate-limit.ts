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
    // Unauthenticated requests never reach here; the app's own process keys (desktop session,
    // internal worker reads through the byte proxy) are not throttled.
    allowList: (request) => request.apiKey === undefined || request.apiKey.id.startsWith('process-'),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`),
  });
}
