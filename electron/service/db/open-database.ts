/**
 * Opens the service's SQLite database (better-sqlite3) in WAL mode and brings its schema up to
 * date. The path is injected so tests use their own temp files. The file is created 0600 before
 * SQLite opens it: SQLite gives its -wal and -shm files the mode of the database file.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from '../private-files';
import { MIGRATIONS, runMigrations } from './migrations';

export type Db = Database.Database;

export function openDatabase(path: string, migrations = MIGRATIONS, nativeBinding: string | null = null): Db {
  if (path !== ':memory:') {
    ensurePrivateDir(dirname(path));
    ensurePrivateFile(path);
    tightenIfPresent(`${path}-wal`);
    tightenIfPresent(`${path}-shm`);
  }
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, migrations);
  return db;
}
