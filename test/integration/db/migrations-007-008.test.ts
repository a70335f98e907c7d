import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { insertJob, upTo, useTempDatabases } from './helpers/migration-db';

const { tempDb } = useTempDatabases();
const insert = insertJob;

describe('migration 007 job-storage', () => {
  it('upgrades a version-6 database: existing jobs reserve nothing and have no measured result yet', () => {
    const db = tempDb();
    runMigrations(db, upTo(6));
    insert(db, { id: 'job_before', status: 'succeeded', finished_at: '2024-01-02T00:00:00.000Z' });
    expect(runMigrations(db, upTo(7))).toBe(7);
    expect(db.prepare('SELECT storage_estimate, result_bytes FROM jobs').get()).toEqual({ storage_estimate: 0, result_bytes: null });
    db.close();
  });

  it('refuses negative sizes and lists finished jobs oldest first from its index', () => {
    const db = tempDb();
    runMigrations(db, upTo(7));
    expect(() => insert(db, { storage_estimate: -1 })).toThrow(/CHECK/);
    expect(() => insert(db, { result_bytes: -5 })).toThrow(/CHECK/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE finished_at IS NOT NULL ORDER BY finished_at, seq").all() as Array<{ detail: string }>)
      .map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING INDEX jobs_by_finished/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});

describe('migration 008 settings', () => {
  it('adds a settings table of JSON values by name', () => {
    const db = tempDb();
    runMigrations(db, upTo(7));
    expect(runMigrations(db, upTo(8))).toBe(8);
    expect(schemaVersion(db)).toBe(8);
    const put = db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    put.run('results_max_age_days', '30');
    put.run('results_max_age_days', 'null');
    expect(db.prepare('SELECT name, value FROM settings').all()).toEqual([{ name: 'results_max_age_days', value: 'null' }]);
    expect(() => put.run('results_max_bytes', '{oops')).toThrow(/CHECK/);
    db.close();
  });

  it('rolls back as a whole when it fails, leaving version 7', () => {
    const db = tempDb();
    runMigrations(db, upTo(7));
    db.exec('CREATE TABLE settings (x)');
    expect(() => runMigrations(db, upTo(8))).toThrow();
    expect(schemaVersion(db)).toBe(7);
    db.close();
  });
});
