/**
 * Bearer authentication and scopes, decided from the route fastify matched (route-access.ts):
 * public routes pass, a request that matched no route falls through to the JSON 404 (its handler
 * does nothing), every other route needs a known key holding the route's scope. Accepts stored
 * API keys and the per-launch key of this process (the desktop session) — and on the local openEO
 * back-end's routes (family `openeo`) only openEO access tokens, `Bearer basic//<token>`, which
 * stand for the stored key they were issued for (openeo/local/access-tokens.ts); their failures
 * are openEO errors (AuthenticationRequired 401, AuthenticationSchemeInvalid / TokenInvalid /
 * PermissionsInsufficient 403).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../api/errors';
import type { KeyScope } from '../keys/key-scopes';
import type { KeyStore, VerifiedKey } from '../keys/key-store';
import { OpenEoError } from '../openeo/graph';
import { BASIC_TOKEN_PREFIX } from '../openeo/local';
import { accessOf, familyOf, type RouteAccess } from './route-access';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: VerifiedKey;
  }
}

/** A key that lives only as long as this process, never stored (see installAuth). */
export interface ProcessKey {
  /** null or empty: not in use this run. */
  secret: string | null;
  /** Stable id for the rate limiter and logs, e.g. `session`; prefixed with `process-`. */
  id: string;
  name: string;
  scopes: readonly KeyScope[];
}

const PROCESS_KEY_PREFIX = 'process-';

/** Per-launch keys are the app's own traffic; the rate limiter leaves them alone. */
export function isProcessKey(key: VerifiedKey | undefined): boolean {
  return key !== undefined && key.id.startsWith(PROCESS_KEY_PREFIX);
}

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

function unauthorized(reply: FastifyReply, message: string): AppError {
  reply.header('www-authenticate', 'Bearer realm="astra"');
  return new AppError('unauthorized', message);
}

function insufficientScope(reply: FastifyReply, key: VerifiedKey, scope: KeyScope): AppError {
  reply.header('www-authenticate', `Bearer realm="astra", error="insufficient_scope", scope="${scope}"`);
  const has = key.scopes.length > 0 ? key.scopes.join(', ') : 'none';
  return new AppError('insufficient_scope', `this request needs a key with the "${scope}" scope; this key has: ${has}`, {
    details: { scope },
  });
}

/** What verifies the openEO access tokens (openeo/local/access-tokens.ts). */
export interface OpenEoTokenVerifier {
  verify(token: string): VerifiedKey | null;
}

/** The key behind an openEO route's `Bearer basic//<token>`, or the openEO error why not. */
function openEoKey(request: FastifyRequest, access: KeyScope, tokens: OpenEoTokenVerifier | undefined): VerifiedKey {
  const header = request.headers.authorization;
  if (!header) throw new OpenEoError('AuthenticationRequired', 'Unauthorized: sign in first (GET /credentials/basic with an ASTRA API key as the password), then send Authorization: Bearer basic//<access_token>.');
  const token = bearerToken(request);
  if (!token || !token.startsWith(BASIC_TOKEN_PREFIX)) {
    throw new OpenEoError('AuthenticationSchemeInvalid', 'Authentication method not supported: send Authorization: Bearer basic//<access_token> from GET /credentials/basic.');
  }
  const verified = tokens?.verify(token.slice(BASIC_TOKEN_PREFIX.length)) ?? null;
  if (!verified) throw new OpenEoError('TokenInvalid', 'Authorization token has expired or is invalid (or its API key was revoked). Please authenticate again.');
  if (!verified.scopes.includes(access)) {
    throw new OpenEoError('PermissionsInsufficient', `This request needs an API key with the "${access}" scope; the key behind this token has: ${verified.scopes.join(', ') || 'none'}.`);
  }
  return verified;
}

export function installAuth(app: FastifyInstance, keys: KeyStore, processKeys: readonly ProcessKey[], openEoTokens?: OpenEoTokenVerifier): void {
  const live = processKeys
    .filter((k): k is ProcessKey & { secret: string } => typeof k.secret === 'string' && k.secret.length > 0)
    .map((k) => ({ secret: k.secret, key: { id: PROCESS_KEY_PREFIX + k.id, name: k.name, scopes: k.scopes } satisfies VerifiedKey }));

  app.addHook('onRequest', async (request, reply) => {
    const access: RouteAccess | 'not-found' = accessOf(request);
    if (access === 'public' || access === 'not-found') return;
    if (familyOf(request) === 'openeo') {
      request.apiKey = openEoKey(request, access, openEoTokens);
      return;
    }
    const token = bearerToken(request);
    if (token === null) throw unauthorized(reply, 'missing Authorization: Bearer <key> header');
    if (token === '') throw unauthorized(reply, 'malformed Authorization header; expected "Bearer <key>"');
    const verified = live.find((candidate) => sameSecret(token, candidate.secret))?.key ?? keys.verify(token);
    if (!verified) throw unauthorized(reply, 'unknown, revoked or malformed API key');
    request.apiKey = verified;
    if (!verified.scopes.includes(access)) throw insufficientScope(reply, verified, access);
  });
}
