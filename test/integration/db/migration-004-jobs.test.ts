import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { insertJob, upTo, useTempDatabases } from './helpers/migration-db';

const { tempDb } = useTempDatabases();
const insert = insertJob;

describe('migration 004 jobs', () => {
  it('upgrades a version-3 database to 4 with the jobs table, keeping what was there', () => {
    const db = tempDb();
    runMigrations(db, upTo(3));
    expect(schemaVersion(db)).toBe(3);
    db.prepare("INSERT INTO api_keys (id, name, key_hash, prefix, created_at) VALUES ('key_1', 'k', 'h', 'p', 'now')").run();

    runMigrations(db, upTo(4));
    expect(schemaVersion(db)).toBe(4);
    const columns = db.prepare("SELECT name FROM pragma_table_info('jobs')").all().map((r) => (r as { name: string }).name);
    expect(columns).toEqual(['seq', 'id', 'type', 'status', 'progress', 'params', 'result', 'error', 'checkpoint', 'attempts', 'created_at', 'started_at', 'finished_at']);
    expect(db.prepare('SELECT count(*) AS n FROM api_keys').get()).toEqual({ n: 1 });
    db.close();
  });

  it('fills defaults, numbers jobs in submission order and keeps ids unique', () => {
    const db = tempDb();
    runMigrations(db, upTo(4));
    insert(db, { id: 'job_a' });
    insert(db, { id: 'job_b' });
    expect(db.prepare('SELECT id, seq, progress, attempts, result FROM jobs ORDER BY seq').all()).toEqual([
      { id: 'job_a', seq: 1, progress: 0, attempts: 0, result: null },
      { id: 'job_b', seq: 2, progress: 0, attempts: 0, result: null },
    ]);
    expect(() => insert(db, { id: 'job_a' })).toThrow(/UNIQUE/);
    db.close();
  });

  it('rejects an unknown status, progress outside 0..1, invalid JSON and wrong types', () => {
    const db = tempDb();
    runMigrations(db, upTo(4));
    expect(() => insert(db, { status: 'done' })).toThrow(/CHECK/);
    expect(() => insert(db, { progress: 1.5 })).toThrow(/CHECK/);
    expect(() => insert(db, { params: '{not json' })).toThrow(/CHECK/);
    expect(() => insert(db, { result: 'nope' })).toThrow(/CHECK/);
    expect(() => insert(db, { checkpoint: '[' })).toThrow(/CHECK/);
    expect(() => insert(db, { attempts: 'many' })).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    db.close();
  });

  it('answers the queue\'s hot queries from an index, not a table scan', () => {
    const db = tempDb();
    runMigrations(db, upTo(4));
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const next = plan("SELECT * FROM jobs WHERE status = 'queued' AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT 1", '["ndvi"]');
    expect(next).toMatch(/USING INDEX jobs_by_status \(status=\?\)/);
    expect(next).not.toMatch(/TEMP B-TREE/);
    const byStatus = plan("SELECT * FROM jobs WHERE status = ? ORDER BY seq DESC LIMIT 50", 'running');
    expect(byStatus).toMatch(/USING INDEX jobs_by_status \(status=\?\)/);
    expect(byStatus).not.toMatch(/TEMP B-TREE/);
    const newest = plan('SELECT * FROM jobs ORDER BY seq DESC LIMIT 50');
    expect(newest).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT * FROM jobs WHERE id = ?', 'job_a')).toMatch(/USING INDEX sqlite_autoindex_jobs_1 \(id=\?\)/);
    db.close();
  });
});
