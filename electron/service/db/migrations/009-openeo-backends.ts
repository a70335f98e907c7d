import type { Migration } from './migration';

/**
 * Remote openEO back-ends a job can run on (`"on": "<id>"`): where they are and how to sign in.
 * Their secrets (passwords, tokens) are not here but in the SecretStore (openeo/remote/).
 */
export const migration009OpenEoBackends: Migration = {
  version: 9,
  name: 'openeo-backends',
  up(db) {
    db.exec(`
      CREATE TABLE openeo_backends (
        id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id <> 'local'),
        url TEXT NOT NULL,
        title TEXT,
        auth TEXT NOT NULL CHECK (auth IN ('basic', 'oidc')),
        username TEXT,
        oidc_provider_id TEXT,
        oidc_client_id TEXT,
        collections TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(collections)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((auth = 'basic') = (username IS NOT NULL))
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
