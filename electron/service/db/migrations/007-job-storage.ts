import type { Migration } from './migration';

/**
 * What a job holds on disk: `storage_estimate`, the bytes it was admitted with (output, spool and
 * journal at their peak; reserved from the free space while it is queued or running), and
 * `result_bytes`, what its work dir holds once it has finished (null until measured). Result
 * retention removes finished jobs oldest first by `finished_at`.
 */
export const migration007JobStorage: Migration = {
  version: 7,
  name: 'job-storage',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN storage_estimate INTEGER NOT NULL DEFAULT 0 CHECK (storage_estimate >= 0);
      ALTER TABLE jobs ADD COLUMN result_bytes INTEGER CHECK (result_bytes IS NULL OR result_bytes >= 0);
      CREATE INDEX jobs_by_finished ON jobs (finished_at, seq) WHERE finished_at IS NOT NULL;
    `);
  },
};
