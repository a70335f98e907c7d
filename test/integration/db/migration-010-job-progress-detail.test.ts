import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../../electron/service/db/migrations';
import { JobStore } from '../../../electron/service/jobs/job-store';

const dirs: string[] = [];
function tempDb(): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'astra-mig-'));
  dirs.push(dir);
  return new Database(join(dir, 'astra.sqlite'));
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

describe('migration 010 job-progress-detail', () => {
  it('upgrades a version-9 database: existing jobs have no detail; the store saves and reads one with the progress', () => {
    const db = tempDb();
    runMigrations(db, upTo(9));
    db.prepare("INSERT INTO jobs (id, type, status, params, created_at) VALUES ('job_old', 'ndvi', 'running', '{}', '2024-01-01T00:00:00.000Z')").run();
    expect(runMigrations(db, upTo(10))).toBe(10);
    expect(db.prepare('SELECT progress_detail FROM jobs').get()).toEqual({ progress_detail: null });
    // The store reads every column of the current schema: the later migrations too, as the service opens it.
    runMigrations(db);
    const store = new JobStore(db);
    expect(store.find('job_old')?.progress_detail).toBeNull();
    store.saveProgress('job_old', 0.5, JSON.stringify({ phase: 'reading', done: 2, total: 4 }));
    expect(store.find('job_old')).toMatchObject({ progress: 0.5, progress_detail: '{"phase":"reading","done":2,"total":4}' });
    // Progress alone leaves the detail as it was.
    store.saveProgress('job_old', 0.6);
    expect(store.find('job_old')).toMatchObject({ progress: 0.6, progress_detail: '{"phase":"reading","done":2,"total":4}' });
    expect(() => db.prepare("UPDATE jobs SET progress_detail = '{oops' WHERE id = 'job_old'").run()).toThrow(/CHECK/);
    db.close();
  });
});
