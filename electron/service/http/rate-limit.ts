/**
 * Per-key rate limit with X-RateLimit-* headers and 429 + Retry-After (the @fastify/rate-limit
 * plugin). It follows the same matched-route decision as auth (route-access.ts): only public
 * routes and the app's own per-launch keys are exempt; every private route is counted against the
 * key auth verified for it.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../api/errors';
import { isProcessKey } from './auth';
import { accessOf } from './route-access';

export async function installRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    // Added to each route's own onRequest hooks, which run after the global ones (auth): so the
    // key is known, and a throttled request is refused before its body is even read or parsed.
    hook: 'onRequest',
    // A private route always has a verified key here (auth refused it otherwise); the address is
    // only a fallback so that nothing private could ever go uncounted.
    keyGenerator: (request) => request.apiKey?.id ?? `ip:${request.ip}`,
    // Public routes (health, the renderer's files) and the desktop session and internal worker
    // reads through the byte proxy are not throttled.
    allowList: (request) => accessOf(request) === 'public' || isProcessKey(request.apiKey),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`),
  });
}
