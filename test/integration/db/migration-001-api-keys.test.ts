import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/service/db/open-database';
import { MIGRATIONS, runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { useTempDatabases } from './helpers/migration-db';

const { tempDbPath: tempDb } = useTempDatabases();

describe('migration 001 api-keys', () => {
  it('creates the api_keys table from an empty file and sets user_version 1', () => {
    const path = tempDb();
    const db = new Database(path);
    runMigrations(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    const columns = db.prepare("SELECT name FROM pragma_table_info('api_keys')").all().map((r) => (r as { name: string }).name);
    expect(columns).toEqual(['id', 'name', 'key_hash', 'prefix', 'created_at', 'last_used_at', 'revoked_at']);
    db.close();
  });

  it('is idempotent and the database opens in WAL mode', () => {
    const path = tempDb();
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    db.close();
  });

  it('refuses a database from a newer build', () => {
    const path = tempDb();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer than this build/);
  });

  it('rolls back a failing migration and keeps the previous version', () => {
    const path = tempDb();
    const db = new Database(path);
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', up: (d: Database.Database) => { d.exec('CREATE TABLE t (x)'); d.exec('NOT SQL'); } }];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
    db.close();
  });
});
