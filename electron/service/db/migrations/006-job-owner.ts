import type { Migration } from './migration';

/**
 * Job ownership: the id of the API key that submitted a job (`api_keys.id`, or a per-launch
 * process key such as `process-0`). Not a foreign key: a revoked or unknown key's jobs stay, and
 * process keys have no row. Jobs from before this migration have no owner; only admin keys see
 * them. The index serves the per-key listing and the per-key queue limit.
 */
export const migration006JobOwner: Migration = {
  version: 6,
  name: 'job-owner',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN owner_key_id TEXT;
      CREATE INDEX jobs_by_owner ON jobs (owner_key_id, status, seq);
    `);
  },
};
