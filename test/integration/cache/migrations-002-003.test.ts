import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { upTo, useTempDatabases } from '../db/helpers/migration-db';

const { tempDb } = useTempDatabases();
const columns = (db: Database.Database, table: string) =>
  db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all().map((r) => (r as { name: string }).name);

describe('migration 002 items-cache', () => {
  it('upgrades a version-1 database, keeping its rows, and sets user_version 2', () => {
    const db = tempDb();
    runMigrations(db, upTo(1));
    db.prepare("INSERT INTO api_keys (id, name, key_hash, prefix, created_at) VALUES ('key_1', 'k', 'h', 'p', 'now')").run();
    expect(runMigrations(db, upTo(2))).toBe(2);
    expect(columns(db, 'cached_items')).toEqual(['item_no', 'id', 'source', 'collection', 'datetime_ms', 'cloud_cover', 'scene_key', 'updated_at']);
    expect(columns(db, 'cached_item_json')).toEqual(['item_no', 'json']);
    expect(columns(db, 'cached_query_pages')).toEqual(['query_key', 'position_key', 'source', 'item_ids', 'next', 'matched', 'skipped', 'fetched_at']);
    expect(db.prepare('SELECT count(*) AS n FROM api_keys').get()).toEqual({ n: 1 });
    db.close();
  });

  it('creates a real R*Tree with lon, lat, day and cloud dimensions', () => {
    const db = tempDb();
    runMigrations(db, upTo(2));
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'cached_item_boxes'").get() as { sql: string }).sql;
    expect(sql).toMatch(/USING rtree/i);
    db.prepare('INSERT INTO cached_item_boxes VALUES (1, 10, 11, 20, 21, 100, 100, 5, 5)').run();
    const hit = db.prepare('SELECT box_id FROM cached_item_boxes WHERE min_lon <= 10.5 AND max_lon >= 10.5 AND min_lat <= 20.5 AND max_lat >= 20.5').all();
    expect(hit).toEqual([{ box_id: 1 }]);
    db.close();
  });
});

describe('migration 003 cog-blocks', () => {
  it('adds files and blocks with a unique (file, block) key and cascading deletes', () => {
    const db = tempDb();
    db.pragma('foreign_keys = ON');
    runMigrations(db, upTo(3));
    expect(schemaVersion(db)).toBe(3);
    expect(columns(db, 'cog_blocks')).toEqual(['block_id', 'file_id', 'block_index', 'bytes', 'last_used', 'pinned', 'data']);
    db.prepare("INSERT INTO cog_files (file_id, url, size, block_size, fetched_at) VALUES (1, 'https://x/a.tif', 10, 65536, 0)").run();
    const insert = db.prepare('INSERT INTO cog_blocks (file_id, block_index, bytes, last_used, data) VALUES (1, 0, 3, 0, ?)');
    insert.run(Buffer.from('abc'));
    expect(() => insert.run(Buffer.from('abc'))).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM cog_files WHERE file_id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM cog_blocks').get()).toEqual({ n: 0 });
    db.close();
  });

  it('rolls back as a whole when it fails, leaving version 2', () => {
    const db = tempDb();
    runMigrations(db, upTo(2));
    db.exec('CREATE TABLE cog_files (x)');
    expect(() => runMigrations(db, upTo(3))).toThrow();
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'cog_blocks'").get()).toEqual({ n: 0 });
    db.close();
  });
});
