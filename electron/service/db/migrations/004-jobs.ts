import type { Migration } from './migration';

/**
 * Processing jobs (electron/service/jobs/): one row per job, its JSON params/result/error and the
 * last checkpoint a resumable kind saved. `seq` gives the submission order (FIFO for the queue,
 * newest first for listings) without relying on timestamps that can tie or on implicit rowids
 * that VACUUM may renumber. `attempts` counts starts, so a job that keeps being interrupted by
 * restarts can be given up on.
 */
export const migration004Jobs: Migration = {
  version: 4,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        params TEXT NOT NULL CHECK (json_valid(params)),
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        checkpoint TEXT CHECK (checkpoint IS NULL OR json_valid(checkpoint)),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX jobs_by_status ON jobs (status, seq);
    `);
  },
};
