/**
 * Opens the service's SQLite database (better-sqlite3) in WAL mode and brings its schema up to
 * date. The path is injected so tests use their own temp files. The file is created 0600 before
 * SQLite opens it: SQLite gives its -wal and -shm files the mode of the database file.
 *
 * `auto_vacuum = INCREMENTAL`, so pages freed by evicting cached blocks can be given back to the
 * file system (`reclaimFreePages`). A new database gets it before its first table; one created
 * before this setting existed is converted once with a VACUUM (it rewrites the file, so it needs
 * about the file's size free for a moment; when it cannot run, the database opens as it was).
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from '../private-files';
import { MIGRATIONS, runMigrations } from './migrations';

export type Db = Database.Database;

const INCREMENTAL = 2;

export function openDatabase(path: string, migrations = MIGRATIONS, nativeBinding: string | null = null): Db {
  if (path !== ':memory:') {
    ensurePrivateDir(dirname(path));
    ensurePrivateFile(path);
    tightenIfPresent(`${path}-wal`);
    tightenIfPresent(`${path}-shm`);
  }
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  // Before WAL: switching to WAL writes the header of a new file, after which this needs a VACUUM.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, migrations);
  if (path !== ':memory:' && db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) convertToIncrementalVacuum(db);
  return db;
}

function convertToIncrementalVacuum(db: Db): void {
  try {
    db.exec('VACUUM');
  } catch {
    // Busy (another connection) or too little space to rewrite the file: try again at the next open.
  }
}

/**
 * Gives free pages back to the file system when more than `slackBytes` of them have piled up
 * (pages kept free are reused by the next writes without growing the file), then checkpoints the
 * WAL and truncates it (the page moves went through it). Returns the bytes freed.
 */
export function reclaimFreePages(db: Db, slackBytes = 0): number {
  if (db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) return 0;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (free === 0 || free * pageSize <= slackBytes) return 0;
  db.pragma('incremental_vacuum');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return (free - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
}
