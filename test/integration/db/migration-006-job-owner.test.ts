import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { insertJob, upTo, useTempDatabases } from './helpers/migration-db';

const { tempDb } = useTempDatabases();
const insert = insertJob;

describe('migration 006 job-owner', () => {
  it('upgrades a version-4 database, keeping its jobs (without an owner)', () => {
    const db = tempDb();
    runMigrations(db, upTo(4));
    insert(db, { id: 'job_before', status: 'succeeded' });

    expect(runMigrations(db, upTo(6))).toBe(6);
    expect(schemaVersion(db)).toBe(6);
    const columns = db.prepare("SELECT name FROM pragma_table_info('jobs')").all().map((r) => (r as { name: string }).name);
    expect(columns.at(-1)).toBe('owner_key_id');
    expect(db.prepare('SELECT id, status, owner_key_id FROM jobs').all()).toEqual([{ id: 'job_before', status: 'succeeded', owner_key_id: null }]);
    db.close();
  });

  it('stores the owner as given: any key id, also process keys that have no row', () => {
    const db = tempDb();
    runMigrations(db, upTo(6));
    insert(db, { id: 'job_a', owner_key_id: 'key_0123456789abcdef' });
    insert(db, { id: 'job_b', owner_key_id: 'process-0' });
    expect(db.prepare('SELECT id, owner_key_id FROM jobs ORDER BY seq').all()).toEqual([
      { id: 'job_a', owner_key_id: 'key_0123456789abcdef' },
      { id: 'job_b', owner_key_id: 'process-0' },
    ]);
    db.close();
  });

  it("answers a key's listing and its unfinished count from the owner index", () => {
    const db = tempDb();
    runMigrations(db, upTo(6));
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT count(*) FROM jobs WHERE owner_key_id IS ? AND status IN ('queued', 'running')", 'key_a')).toMatch(/USING COVERING INDEX jobs_by_owner/);
    const byStatus = plan('SELECT * FROM jobs WHERE status = ? AND owner_key_id = ? ORDER BY seq DESC LIMIT 50', 'queued', 'key_a');
    expect(byStatus).toMatch(/USING INDEX jobs_by_owner \(owner_key_id=\? AND status=\?\)/);
    expect(byStatus).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
