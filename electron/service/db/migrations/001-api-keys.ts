import type { Migration } from './migration';

/** API keys: only a SHA-256 of the key is stored, with a short display prefix. */
export const migration001ApiKeys: Migration = {
  version: 1,
  name: 'api-keys',
  up(db) {
    db.exec(`
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      ) STRICT;
    `);
  },
};
