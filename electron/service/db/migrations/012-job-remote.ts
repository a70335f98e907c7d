import type { Migration } from './migration';

/**
 * Jobs that run on a remote openEO back-end (`"on": "<id>"`): `remote` holds the job's `remote`
 * field (back-end, remote job id, status, progress, estimate, last log lines) as JSON. NULL for a
 * local job; a row with it set is run by the queue's offload kind, whatever its `type`.
 */
export const migration012JobRemote: Migration = {
  version: 12,
  name: 'job-remote',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN remote TEXT CHECK (remote IS NULL OR json_valid(remote));
    `);
  },
};
