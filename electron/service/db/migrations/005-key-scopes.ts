import type { Migration } from './migration';

/**
 * Key scopes (keys/key-scopes.ts): the canonical comma-separated list, checked against the seven
 * non-empty combinations so the database refuses anything else.
 *
 * Keys created before scopes existed become `read,process`: whether one was made on the command
 * line (which now gives `admin`) or through the API cannot be told from the row, and the safe side
 * is that no old key gains key management. Re-create a key with `astra keys create` for admin.
 */
export const migration005KeyScopes: Migration = {
  version: 5,
  name: 'key-scopes',
  up(db) {
    db.exec(`
      ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read,process'
        CHECK (scopes IN ('read', 'process', 'admin', 'read,process', 'read,admin', 'process,admin', 'read,process,admin'));
    `);
  },
};
