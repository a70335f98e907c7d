/** The headless SecretStore: a real file in a temp data dir, created 0600, round trips, never leaks a value in an error. */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, FileSecretStore, SECRET_FILE_NAME, type SecretCodec } from '../../../electron/service/openeo/remote/file-secret-store';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

const mode = (path: string) => statSync(path).mode & 0o777;
const SECRET = 'hunter2-very-secret-refresh-token';

async function messageOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(() => { throw new Error('expected a rejection'); }, (error: Error) => error.message);
}

describe('FileSecretStore', () => {
  it('creates the file 0600 in the data dir and round-trips values', async () => {
    const dir = dataDir();
    const store = createFileSecretStore(dir);
    expect(await store.get('openeo/cdse/refresh_token')).toBeUndefined();
    await store.set('openeo/cdse/refresh_token', SECRET);
    await store.set('openeo/eodc/password', 'pässwörd with spaces');
    const path = join(dir, SECRET_FILE_NAME);
    expect(mode(path)).toBe(0o600);
    expect(await store.get('openeo/cdse/refresh_token')).toBe(SECRET);
    // A second store over the same file (a restart) reads the same.
    expect(await createFileSecretStore(dir).get('openeo/eodc/password')).toBe('pässwörd with spaces');
    await store.delete('openeo/cdse/refresh_token');
    expect(await store.get('openeo/cdse/refresh_token')).toBeUndefined();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, secrets: { 'openeo/eodc/password': { codec: 'plain', value: 'pässwörd with spaces' } } });
  });

  it('tightens a file others could read to 0600 and loses no write when calls overlap', async () => {
    const dir = dataDir();
    const path = join(dir, SECRET_FILE_NAME);
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const store = new FileSecretStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`openeo/b${i}/access_token`, `token-${i}`)));
    expect(mode(path)).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).secrets)).toHaveLength(20);
    expect(await store.get('openeo/b7/access_token')).toBe('token-7');
  });

  it('never puts a secret into an error message: a corrupt file, a bad name, an unwritable dir', async () => {
    const dir = dataDir();
    const path = join(dir, SECRET_FILE_NAME);
    writeFileSync(path, `{"version":1,"secrets":{"openeo/x/password":{"codec":"plain","value":"${SECRET}"}`, { mode: 0o600 });
    const store = new FileSecretStore(path);
    const corrupt = await messageOf(store.get('openeo/x/password'));
    expect(corrupt).toContain('is not valid JSON');
    expect(corrupt).not.toContain(SECRET);
    writeFileSync(path, '{"version":1,"secrets":{}}');
    const badName = await messageOf(store.set('bad name with spaces', SECRET));
    expect(badName).not.toContain(SECRET);
    // A data dir that is a file (EACCES cannot be provoked reliably: tests may run as root).
    const notADir = join(dataDir(), 'plain-file');
    writeFileSync(notADir, '');
    const unwritable = await messageOf(createFileSecretStore(notADir).set('openeo/x/password', SECRET));
    expect(unwritable).toMatch(/^cannot (read|write) the secret file .*plain-file.* \((EEXIST|ENOTDIR)\)$/);
    expect(unwritable).not.toContain(SECRET);
  });

  it('a value written by a codec not in use here reads as absent (the user signs in again), with a warning', async () => {
    const dir = dataDir();
    const reversed: SecretCodec = { name: 'reversed', encode: (value) => [...value].reverse().join(''), decode: (stored) => [...stored].reverse().join('') };
    const warnings: string[] = [];
    await createFileSecretStore(dir, { codec: reversed }).set('openeo/cdse/refresh_token', SECRET);
    expect(readFileSync(join(dir, SECRET_FILE_NAME), 'utf8')).not.toContain(SECRET);
    expect(await createFileSecretStore(dir, { codec: reversed }).get('openeo/cdse/refresh_token')).toBe(SECRET);
    expect(await createFileSecretStore(dir, { warn: (message) => warnings.push(message) }).get('openeo/cdse/refresh_token')).toBeUndefined();
    expect(warnings).toEqual(['secret openeo/cdse/refresh_token was stored with reversed, which is not in use here; it counts as absent']);
  });
});
