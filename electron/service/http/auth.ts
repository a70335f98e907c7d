/**
 * Bearer authentication for every /api/v1 route except health (and the renderer's static files).
 * Accepts stored API keys and the desktop app's per-launch session key.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../api/errors';
import type { KeyStore, VerifiedKey } from '../keys/key-store';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: VerifiedKey;
  }
}

const PUBLIC_ROUTES = new Set(['/api/v1/health']);

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/** `processKeys`: per-launch secrets (desktop session, internal worker key) accepted besides stored keys. */
export function installAuth(app: FastifyInstance, keys: KeyStore, processKeys: Array<string | null>): void {
  const secrets = processKeys.filter((k): k is string => typeof k === 'string' && k.length > 0);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/v1') || PUBLIC_ROUTES.has(path) || request.method === 'OPTIONS') return;
    const token = bearerToken(request);
    if (token === null) throw new AppError('unauthorized', 'missing Authorization: Bearer <key> header');
    if (token === '') throw new AppError('unauthorized', 'malformed Authorization header; expected "Bearer <key>"');
    const processKeyIndex = secrets.findIndex((secret) => sameSecret(token, secret));
    if (processKeyIndex !== -1) {
      request.apiKey = { id: `process-${processKeyIndex}`, name: 'desktop session' };
      return;
    }
    const verified = keys.verify(token);
    if (!verified) throw new AppError('unauthorized', 'unknown, revoked or malformed API key');
    request.apiKey = verified;
  });
}
