import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../../electron/service/db/migrations';

const dirs: string[] = [];
function tempDb(): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'astra-mig-'));
  dirs.push(dir);
  return new Database(join(dir, 'astra.sqlite'));
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);
const insert = (db: Database.Database, values: Record<string, unknown>) => {
  const row = { id: 'job_a', type: 'composite', status: 'queued', params: '{}', created_at: '2024-01-01T00:00:00.000Z', ...values };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO jobs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
};

describe('migration 010 job-remote', () => {
  it('upgrades a version-9 database: existing jobs are local (no remote)', () => {
    const db = tempDb();
    runMigrations(db, upTo(9));
    insert(db, { id: 'job_before', type: 'ndvi' });
    expect(runMigrations(db, upTo(10))).toBe(10);
    expect(db.prepare('SELECT remote FROM jobs').get()).toEqual({ remote: null });
    db.close();
  });

  it('keeps a remote job\'s `remote` as JSON only', () => {
    const db = tempDb();
    runMigrations(db, upTo(10));
    insert(db, { remote: JSON.stringify({ backend: 'cdse', url: 'https://openeo.dataspace.copernicus.eu', job_id: null, status: null, progress: null, estimate: null, logs: [] }) });
    expect((db.prepare("SELECT json_extract(remote, '$.backend') AS backend FROM jobs").get() as { backend: string }).backend).toBe('cdse');
    expect(() => insert(db, { id: 'job_b', remote: '{oops' })).toThrow(/CHECK/);
    db.close();
  });
});
