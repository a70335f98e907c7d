/**
 * Migration 009 (remote openEO back-ends) on real SQLite files, and the registry over it: entries
 * survive a reopen, secrets live in the secret file only and go when the account changes or the
 * entry is deleted; the view says whether one is signed in, never what the secret is.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { upTo } from './helpers/migration-db';
import { openDatabase } from '../../../electron/service/db/open-database';
import { parseRemoteBackendInput } from '../../../electron/service/openeo/remote/backend-input';
import { RemoteBackendStore } from '../../../electron/service/openeo/remote/backend-registry';
import { createFileSecretStore, SECRET_FILE_NAME } from '../../../electron/service/openeo/remote/file-secret-store';
import { backendSecretName } from '../../../electron/service/openeo/remote/secret-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-mig9-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const row = { id: 'cdse', url: 'https://openeo.dataspace.copernicus.eu', auth: 'oidc', created_at: 'x', updated_at: 'x' };
const insert = (db: Database.Database, values: Record<string, unknown>) => {
  const fields = { ...row, ...values };
  const columns = Object.keys(fields);
  db.prepare(`INSERT INTO openeo_backends (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(fields);
};

describe('migration 009 openeo-backends', () => {
  it('upgrades a version-8 database, keeping its settings, and checks what an entry may hold', () => {
    const db = new Database(join(tempDir(), 'astra.sqlite'));
    runMigrations(db, upTo(8));
    db.prepare("INSERT INTO settings (name, value) VALUES ('results_max_age_days', '30')").run();
    expect(runMigrations(db, upTo(9))).toBe(9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '30' });
    insert(db, {});
    expect(db.prepare('SELECT collections, username FROM openeo_backends').get()).toEqual({ collections: '{}', username: null });
    expect(() => insert(db, { id: 'local' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'Upper' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'eodc', auth: 'token' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'eodc', auth: 'basic' })).toThrow(/CHECK/); // basic needs a user name
    expect(() => insert(db, { id: 'eodc', collections: '{oops' })).toThrow(/CHECK/);
    expect(() => insert(db, { url: 'https://other' })).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('rolls back as a whole when it fails, leaving version 8', () => {
    const db = new Database(join(tempDir(), 'astra.sqlite'));
    runMigrations(db, upTo(8));
    db.exec('CREATE TABLE openeo_backends (x)');
    expect(() => runMigrations(db, upTo(9))).toThrow();
    expect(schemaVersion(db)).toBe(8);
    db.close();
  });
});

describe('RemoteBackendStore', () => {
  it('keeps entries across a reopen; secrets only in the secret file; a changed account or a delete drops them', async () => {
    const dir = tempDir();
    const secrets = createFileSecretStore(dir);
    let db = openDatabase(join(dir, 'astra.sqlite'));
    let store = new RemoteBackendStore(db, secrets, () => new Date('2024-05-01T00:00:00Z'));
    const eodc = parseRemoteBackendInput({ id: 'eodc', url: 'https://openeo.eodc.eu/', auth: 'basic', username: 'analyst', title: 'EODC' });
    await store.put(eodc);
    await store.setPassword('eodc', 'hunter2');
    await store.put(parseRemoteBackendInput({ id: row.id, url: row.url, auth: row.auth, collections: { 'sentinel-2.sentinel-2-l2a': 'SENTINEL2_L2A' } }));
    await secrets.set(backendSecretName('cdse', 'refresh_token'), 'refresh-abc');
    db.close();

    db = openDatabase(join(dir, 'astra.sqlite'));
    store = new RemoteBackendStore(db, secrets);
    expect(store.list().map((entry) => entry.id)).toEqual(['cdse', 'eodc']);
    expect(store.get('cdse')?.collections).toEqual({ 'sentinel-2.sentinel-2-l2a': 'SENTINEL2_L2A' });
    const view = await store.view(store.get('eodc')!);
    expect(view).toMatchObject({ id: 'eodc', url: 'https://openeo.eodc.eu', username: 'analyst', title: 'EODC', signed_in: true, created_at: '2024-05-01T00:00:00.000Z' });
    expect(JSON.stringify(view)).not.toContain('hunter2');
    const databaseBytes = readFileSync(join(dir, 'astra.sqlite'));
    expect(databaseBytes.includes('hunter2')).toBe(false);
    expect(readFileSync(join(dir, SECRET_FILE_NAME), 'utf8')).toContain('hunter2');

    await store.put({ ...eodc, title: 'EODC Vienna' }); // same account: the password stays
    expect((await store.view(store.get('eodc')!)).signed_in).toBe(true);
    await store.put({ ...eodc, username: 'someone-else' }); // another account: signed out
    expect((await store.view(store.get('eodc')!)).signed_in).toBe(false);

    expect((await store.view(store.get('cdse')!)).signed_in).toBe(true);
    expect(await store.delete('cdse')).toBe(true);
    expect(await store.delete('cdse')).toBe(false);
    expect(await secrets.get(backendSecretName('cdse', 'refresh_token'))).toBeUndefined();
    expect(store.list().map((entry) => entry.id)).toEqual(['eodc']);
    db.close();
  });
});
