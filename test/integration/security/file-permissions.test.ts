/**
 * The data dir is private to the user: created 0700, and the files holding key hashes and secrets
 * (SQLite database, its -wal and -shm, the cursor secret) are 0600 — also when an older build left
 * them readable by others. POSIX only: Windows has no such modes.
 */
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService } from '../../helpers/test-service';

const mode = (path: string) => statSync(path).mode & 0o777;
const DB_FILES = ['astra.sqlite', 'astra.sqlite-wal', 'astra.sqlite-shm', 'cursor.secret'];

let root: string;
let umask: number;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'astra-perms-'));
  // A common umask, under which files would otherwise be created readable by everyone.
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('data dir and database permissions', () => {
  it('creates a new data dir 0700 and its database and secret files 0600', async () => {
    const dataDir = join(root, 'fresh', 'astra');
    const svc = await startTestService({ dataDir });
    try {
      // A write, so the WAL and its index exist.
      expect((await svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'w' }) })).status).toBe(201);
      expect(mode(dataDir)).toBe(0o700);
      for (const file of DB_FILES) expect(mode(join(dataDir, file)), file).toBe(0o600);
    } finally {
      await svc.close();
    }
  });

  it('tightens database and secret files an older build left readable by others', async () => {
    const dataDir = join(root, 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    const old = new Database(join(dataDir, 'astra.sqlite'));
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (x)');
    writeFileSync(join(dataDir, 'cursor.secret'), 'a'.repeat(64), { mode: 0o644 });
    for (const file of DB_FILES) chmodSync(join(dataDir, file), 0o644);
    old.close();
    // Closing checkpoints and removes the WAL; leave stale ones behind, readable by all.
    writeFileSync(join(dataDir, 'astra.sqlite-wal'), '', { mode: 0o644 });
    writeFileSync(join(dataDir, 'astra.sqlite-shm'), '', { mode: 0o644 });
    expect(mode(join(dataDir, 'astra.sqlite'))).toBe(0o644);

    const svc = await startTestService({ dataDir });
    try {
      for (const file of DB_FILES) expect(mode(join(dataDir, file)), file).toBe(0o600);
      // An existing data dir is the user's choice and keeps its mode; its secrets do not depend on it.
      expect(mode(dataDir)).toBe(0o755);
      // The secret written by the older build is kept (cursors it signed stay valid).
      expect(svc.service.context.cursorSecret).toBe('a'.repeat(64));
    } finally {
      await svc.close();
    }
  });
});
