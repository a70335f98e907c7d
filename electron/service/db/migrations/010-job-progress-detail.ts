import type { Migration } from './migration';

/**
 * What a running job is doing, beside its progress fraction: `progress_detail`, JSON
 * `{phase, done, total}` (finding scenes, reading, reducing, writing, with counts), saved with
 * the progress so GET /jobs/{id} shows it after a restart too. Null for jobs that report none.
 */
export const migration010JobProgressDetail: Migration = {
  version: 10,
  name: 'job-progress-detail',
  up(db) {
    db.exec(`ALTER TABLE jobs ADD COLUMN progress_detail TEXT CHECK (progress_detail IS NULL OR json_valid(progress_detail));`);
  },
};
