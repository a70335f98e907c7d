import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../electron/service/db/migrations';
import { insertJob, upTo, useTempDatabases } from './helpers/migration-db';

const { tempDb } = useTempDatabases();

describe('migration 012 job-remote', () => {
  it('upgrades a version-10 database (the migrations before it, whatever they are): existing jobs are local (no remote)', () => {
    const db = tempDb();
    runMigrations(db, upTo(10));
    insertJob(db, { id: 'job_before', type: 'ndvi' });
    expect(runMigrations(db, upTo(12))).toBe(12);
    expect(db.prepare('SELECT remote, progress_detail FROM jobs').get()).toEqual({ remote: null, progress_detail: null });
    db.close();
  });

  it('keeps a remote job\'s `remote` as JSON only', () => {
    const db = tempDb();
    runMigrations(db, upTo(12));
    insertJob(db, { type: 'composite', remote: JSON.stringify({ backend: 'cdse', url: 'https://openeo.dataspace.copernicus.eu', job_id: null, status: null, progress: null, estimate: null, logs: [] }) });
    expect((db.prepare("SELECT json_extract(remote, '$.backend') AS backend FROM jobs").get() as { backend: string }).backend).toBe('cdse');
    expect(() => insertJob(db, { id: 'job_b', remote: '{oops' })).toThrow(/CHECK/);
    db.close();
  });
});
