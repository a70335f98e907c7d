import type { Migration } from './migration';

/**
 * The local openEO back-end (openeo/local/): access tokens handed out by
 * `/api/v1/openeo/credentials/basic` and openEO batch jobs.
 *
 * - `openeo_tokens`: only a SHA-256 of each token, the API key it stands for and when it expires.
 *   A token is as good as its key: verification joins `api_keys`, so revoking the key kills it.
 * - `openeo_jobs`: an openEO batch job is a posted process graph, its translation into an ASTRA
 *   job request and the ASTRA job that runs it (`astra_job_id`, null while the openEO job is
 *   `created` — not started yet, so nothing is queued). Starting it again replaces the run.
 *   Owner as in `jobs.owner_key_id` (not a foreign key; jobs outlive their key).
 */
export const migration011OpenEoLocal: Migration = {
  version: 11,
  name: 'openeo-local',
  up(db) {
    db.exec(`
      CREATE TABLE openeo_tokens (
        token_hash TEXT PRIMARY KEY,
        key_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX openeo_tokens_by_expiry ON openeo_tokens (expires_at);

      CREATE TABLE openeo_jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        owner_key_id TEXT NOT NULL,
        title TEXT,
        description TEXT,
        process TEXT NOT NULL CHECK (json_valid(process)),
        job TEXT NOT NULL CHECK (json_valid(job)),
        format TEXT NOT NULL CHECK (format IN ('GTiff', 'JSON', 'CSV')),
        astra_job_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX openeo_jobs_by_owner ON openeo_jobs (owner_key_id, seq);
    `);
  },
};
