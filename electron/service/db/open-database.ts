/**
 * Opens the service's SQLite database (better-sqlite3) in WAL mode and brings its schema up to
 * date. The path is injected so tests use their own temp files.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, runMigrations } from './migrations';

export type Db = Database.Database;

export function openDatabase(path: string, migrations = MIGRATIONS, nativeBinding: string | null = null): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, migrations);
  return db;
}
