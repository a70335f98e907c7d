/**
 * What every migration test sets up: a fresh SQLite file per test (removed after it), the
 * migrations up to a version, and a job row with only the columns a test cares about.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { MIGRATIONS } from '../../../../electron/service/db/migrations';

/** Registers the clean-up; returns a maker of fresh database files (opened, or just the path). */
export function useTempDatabases(): { tempDb(): Database.Database; tempDbPath(): string } {
  const dirs: string[] = [];
  afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });
  const tempDbPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'astra-mig-'));
    dirs.push(dir);
    return join(dir, 'astra.sqlite');
  };
  return { tempDbPath, tempDb: () => new Database(tempDbPath()) };
}

export const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

export function insertJob(db: Database.Database, values: Record<string, unknown>): void {
  const row = { id: 'job_a', type: 'ndvi', status: 'queued', params: '{}', created_at: '2024-01-01T00:00:00.000Z', ...values };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO jobs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}
