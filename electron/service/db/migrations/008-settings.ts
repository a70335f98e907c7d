import type { Migration } from './migration';

/** Service settings changed over the API that outlive a restart (PUT /api/v1/settings), as JSON values by name. */
export const migration008Settings: Migration = {
  version: 8,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
