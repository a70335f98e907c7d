/**
 * Access tokens of the local openEO back-end. `GET /credentials/basic` takes an ASTRA API key as
 * the password (the user name is not used) and hands out a random token; clients then send
 * `Authorization: Bearer basic//<token>`. Only a SHA-256 of the token is stored, with the key it
 * stands for and its expiry. A token carries its key's identity and scopes, and lives only as long
 * as the key: revoking the key kills every token issued for it at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/open-database';
import type { KeyStore, VerifiedKey } from '../../keys/key-store';

/** How long a token is accepted; clients sign in again after that (openEO clients do on 403 TokenInvalid). */
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** The prefix openEO clients put before a basic-auth token in the Bearer header. */
export const BASIC_TOKEN_PREFIX = 'basic//';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface BasicCredentials {
  user: string;
  password: string;
}

/** `Authorization: Basic base64(user:password)`, or null when the header is not that. */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export class OpenEoTokenStore {
  constructor(private readonly db: Db, private readonly keys: KeyStore, private readonly now: () => Date = () => new Date()) {}

  /** A new token for a verified key (expired tokens are swept on the way). */
  issue(keyId: string): { token: string; expiresAt: string } {
    const now = this.now();
    this.db.prepare('DELETE FROM openeo_tokens WHERE expires_at <= ?').run(now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS).toISOString();
    this.db.prepare('INSERT INTO openeo_tokens (token_hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), keyId, now.toISOString(), expiresAt);
    return { token, expiresAt };
  }

  /** The identity of the key behind a live token; null for an unknown, expired or malformed token, or a revoked key. */
  verify(token: string): VerifiedKey | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = this.db.prepare<[string], { key_id: string; expires_at: string }>('SELECT key_id, expires_at FROM openeo_tokens WHERE token_hash = ?')
      .get(hashToken(token));
    if (!row || row.expires_at <= this.now().toISOString()) return null;
    return this.keys.active(row.key_id);
  }
}
