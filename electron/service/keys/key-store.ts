/** API keys in SQLite: create (returns the key once), list, revoke, and verify by hash. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { ApiKeyInfo, CreatedApiKey } from '../api/types';
import { AppError, invalidParameter } from '../api/errors';
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedKey } from './key-format';
import { canonicalScopes, DEFAULT_KEY_SCOPES, scopesFromColumn, scopesToColumn, type KeyScope } from './key-scopes';

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Who is calling: a stored key, or one of the per-launch keys (desktop session, internal). */
export interface VerifiedKey {
  id: string;
  name: string;
  /** What the key may do; a route needing a scope the key lacks answers 403. */
  scopes: readonly KeyScope[];
}

export class KeyStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** `scopes` default to the API's default (read, process): no key management. */
  create(name: string, scopes: readonly KeyScope[] = DEFAULT_KEY_SCOPES): CreatedApiKey {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (!trimmed) throw invalidParameter('name', 'must be a non-empty string');
    if (trimmed.length > 100) throw invalidParameter('name', 'must be at most 100 characters');
    const canonical = canonicalScopes(scopes);
    if (canonical.length === 0) throw invalidParameter('scopes', 'must name at least one scope');
    const key = generateApiKey();
    const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const createdAt = this.now().toISOString();
    this.db
      .prepare('INSERT INTO api_keys (id, name, key_hash, prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, trimmed, hashApiKey(key), displayPrefix(key), scopesToColumn(canonical), createdAt);
    return { id, name: trimmed, key, scopes: canonical, created_at: createdAt };
  }

  list(): ApiKeyInfo[] {
    return this.db
      .prepare<[], KeyRow>('SELECT id, name, prefix, scopes, created_at, last_used_at, revoked_at FROM api_keys ORDER BY created_at, id')
      .all()
      .map((row) => ({ ...row, scopes: scopesFromColumn(row.scopes) }));
  }

  revoke(id: string): void {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now().toISOString(), id);
    if (result.changes === 0) {
      const exists = this.db.prepare('SELECT 1 FROM api_keys WHERE id = ?').get(id);
      if (!exists) throw new AppError('not_found', `no API key with id ${id}`);
    }
  }

  /** The identity of the stored key with this id, unless it is unknown or revoked (tokens issued for a key, openeo/local/). */
  active(id: string): VerifiedKey | null {
    const row = this.db
      .prepare<[string], { id: string; name: string; scopes: string; revoked_at: string | null }>('SELECT id, name, scopes, revoked_at FROM api_keys WHERE id = ?')
      .get(id);
    if (!row || row.revoked_at) return null;
    return { id: row.id, name: row.name, scopes: scopesFromColumn(row.scopes) };
  }

  /** The key's identity when it is well-formed, known and not revoked; otherwise null. */
  verify(candidate: string): VerifiedKey | null {
    if (!isWellFormedKey(candidate)) return null;
    const row = this.db
      .prepare<[string], { id: string; name: string; scopes: string; revoked_at: string | null }>('SELECT id, name, scopes, revoked_at FROM api_keys WHERE key_hash = ?')
      .get(hashApiKey(candidate));
    if (!row || row.revoked_at) return null;
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(this.now().toISOString(), row.id);
    return { id: row.id, name: row.name, scopes: scopesFromColumn(row.scopes) };
  }
}
