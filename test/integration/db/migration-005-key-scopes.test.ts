import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { hashApiKey } from '../../../electron/service/keys/key-format';
import { KeyStore } from '../../../electron/service/keys/key-store';
import { upTo, useTempDatabases } from './helpers/migration-db';

const { tempDb } = useTempDatabases();
const OLD_KEY = `astra_sk_live_${'K'.repeat(40)}`;

describe('migration 005 key-scopes', () => {
  it('upgrades a version-4 database: existing keys keep working, as read,process', () => {
    const db = tempDb();
    runMigrations(db, upTo(4));
    db.prepare("INSERT INTO api_keys (id, name, key_hash, prefix, created_at) VALUES ('key_old', 'from before', ?, 'astra_sk_live_KKKK', '2024-01-01T00:00:00.000Z')").run(hashApiKey(OLD_KEY));

    runMigrations(db, upTo(5));
    expect(schemaVersion(db)).toBe(5);
    const columns = db.prepare("SELECT name FROM pragma_table_info('api_keys')").all().map((r) => (r as { name: string }).name);
    expect(columns).toEqual(['id', 'name', 'key_hash', 'prefix', 'created_at', 'last_used_at', 'revoked_at', 'scopes']);
    const keys = new KeyStore(db);
    expect(keys.verify(OLD_KEY)).toEqual({ id: 'key_old', name: 'from before', scopes: ['read', 'process'] });
    expect(keys.list()).toMatchObject([{ id: 'key_old', scopes: ['read', 'process'] }]);
    db.close();
  });

  it('stores only canonical, non-empty scope lists', () => {
    const db = tempDb();
    runMigrations(db, upTo(5));
    const insert = (id: string, scopes: string) => db.prepare("INSERT INTO api_keys (id, name, key_hash, prefix, created_at, scopes) VALUES (?, 'n', ?, 'p', 'now', ?)").run(id, `hash-${id}`, scopes);
    for (const [i, ok] of ['read', 'process', 'admin', 'read,process', 'read,admin', 'process,admin', 'read,process,admin'].entries()) insert(`ok${i}`, ok);
    for (const [i, bad] of ['', 'root', 'process,read', 'read,read', 'read, process', 'ADMIN'].entries()) {
      expect(() => insert(`bad${i}`, bad), bad).toThrow(/CHECK/);
    }
    expect(db.prepare('SELECT count(*) AS n FROM api_keys').get()).toEqual({ n: 7 });
    db.close();
  });

  it('round-trips the scopes a key is created with', () => {
    const db = tempDb();
    runMigrations(db, upTo(5));
    const keys = new KeyStore(db);
    const admin = keys.create('admin', ['admin', 'read', 'process']);
    const reader = keys.create('reader', ['read']);
    const byDefault = keys.create('default');
    expect([admin.scopes, reader.scopes, byDefault.scopes]).toEqual([['read', 'process', 'admin'], ['read'], ['read', 'process']]);
    expect(keys.verify(reader.key)?.scopes).toEqual(['read']);
    expect(() => keys.create('none', [])).toThrow(/scopes/);
    db.close();
  });
});
