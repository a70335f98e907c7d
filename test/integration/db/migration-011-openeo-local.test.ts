/**
 * Migration 011 (the local openEO back-end's tokens and batch jobs) on real SQLite files, and the
 * stores over it: only token hashes are stored, a token expires and dies with its key; batch job
 * records keep the posted process and its translation, survive a reopen, and each key sees its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../electron/service/db/migrations';
import { openDatabase } from '../../../electron/service/db/open-database';
import { KeyStore } from '../../../electron/service/keys/key-store';
import { OpenEoTokenStore, TOKEN_TTL_MS } from '../../../electron/service/openeo/local/access-tokens';
import { OpenEoJobRecords } from '../../../electron/service/openeo/local/job-records';
import { upTo, useTempDatabases } from './helpers/migration-db';

const { tempDb, tempDbPath } = useTempDatabases();
const job = { ownerKeyId: 'key_a', title: 'NDVI', description: null, process: { process_graph: { x: { process_id: 'ndvi', arguments: {}, result: true } } }, job: { type: 'ndvi' as const, scene: 'sentinel-2:S2A_X' }, format: 'GTiff' as const };

describe('migration 011 openeo-local', () => {
  it('upgrades a version-10 database, keeping its data, and checks what a job record may hold', () => {
    const db = tempDb();
    runMigrations(db, upTo(10));
    db.prepare("INSERT INTO settings (name, value) VALUES ('offline', 'true')").run();
    expect(runMigrations(db, upTo(11))).toBe(11);
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: 'true' });
    const insert = (values: Record<string, unknown>) => db.prepare('INSERT INTO openeo_jobs (id, owner_key_id, process, job, format, created_at, updated_at) VALUES (@id, @owner, @process, @job, @format, @at, @at)')
      .run({ id: 'oejob_1', owner: 'key_a', process: '{}', job: '{}', format: 'GTiff', at: 'x', ...values });
    insert({});
    expect(() => insert({ id: 'oejob_1' })).toThrow(/UNIQUE/);
    expect(() => insert({ id: 'oejob_2', format: 'netCDF' })).toThrow(/CHECK/);
    expect(() => insert({ id: 'oejob_3', process: '{oops' })).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM pragma_table_info('openeo_tokens')").all().map((r) => (r as { name: string }).name)).toEqual(['token_hash', 'key_id', 'created_at', 'expires_at']);
    db.close();
  });
});

describe('the stores over it', () => {
  it('stores only token hashes; a token works until it expires or its key is revoked', () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    let now = new Date('2024-05-01T00:00:00Z');
    const keys = new KeyStore(db);
    const tokens = new OpenEoTokenStore(db, keys, () => now);
    const key = keys.create('notebook', ['read', 'process']);
    const { token, expiresAt } = tokens.issue(key.id);
    expect(expiresAt).toBe(new Date(now.getTime() + TOKEN_TTL_MS).toISOString());
    expect(tokens.verify(token)).toEqual({ id: key.id, name: 'notebook', scopes: ['read', 'process'] });
    expect(tokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes(Buffer.from(token))).toBe(false);

    now = new Date(now.getTime() + TOKEN_TTL_MS);
    expect(tokens.verify(token)).toBeNull();
    now = new Date('2024-05-01T00:00:00Z');
    const second = tokens.issue(key.id).token;
    expect(tokens.verify(second)).not.toBeNull();
    keys.revoke(key.id);
    expect(tokens.verify(second)).toBeNull();
    db.close();
  });

  it('keeps job records across a reopen, newest first, each key its own', () => {
    const path = tempDbPath();
    let db = openDatabase(path);
    let records = new OpenEoJobRecords(db);
    const first = records.create(job);
    const second = records.create({ ...job, ownerKeyId: 'key_b', title: null });
    records.setRun(first.id, 'job_123');
    records.update(first.id, { title: 'renamed', description: 'with **markdown**' });
    db.close();
    db = openDatabase(path);
    records = new OpenEoJobRecords(db);
    expect(records.find(first.id)).toMatchObject({ title: 'renamed', description: 'with **markdown**', astraJobId: 'job_123', process: job.process, job: job.job, format: 'GTiff' });
    expect(records.visible(first.id, { keyId: 'key_b', admin: false })).toBeUndefined();
    expect(records.list({ keyId: 'key_a', admin: false }, 10, 0).map((r) => r.id)).toEqual([first.id]);
    expect(records.list({ keyId: null, admin: true }, 10, 0).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(records.list({ keyId: null, admin: true }, 1, 1).map((r) => r.id)).toEqual([first.id]);
    records.delete(first.id);
    expect(records.find(first.id)).toBeUndefined();
    db.close();
  });
});
