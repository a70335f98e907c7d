/**
 * The desktop SecretStore over a stand-in for Electron's safeStorage (a reversible cipher that
 * marks its output): values are encrypted and base64 in the 0600 file; without encryption the
 * plain 0600 file with a warning.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopSecretCodec, type SafeStorageLike } from '../../../electron/main/safe-storage-codec';
import { createFileSecretStore, SECRET_FILE_NAME } from '../../../electron/service/openeo/remote/file-secret-store';

/** The store the service makes from the desktop app's `secretFile` option. */
function createDesktopSecretStore(dir: string, safeStorage: SafeStorageLike, warn: (message: string) => void) {
  return createFileSecretStore(dir, { codec: desktopSecretCodec(safeStorage, warn), warn });
}

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-safe-'));
  dirs.push(dir);
  return dir;
}

const KEY = 0x5a;
const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ KEY));
function fakeSafeStorage(available: boolean, backend: ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>> = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(text, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('not encrypted by this keychain');
      return xor(encrypted.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => backend,
  };
}

const TOKEN = 'refresh-0123456789abcdef';

describe('desktop secret store', () => {
  it('keeps values encrypted by safeStorage, base64, in the 0600 file', async () => {
    const dir = dataDir();
    const warnings: string[] = [];
    const store = createDesktopSecretStore(dir, fakeSafeStorage(true), (message) => warnings.push(message));
    await store.set('openeo/cdse/refresh_token', TOKEN);
    const path = join(dir, SECRET_FILE_NAME);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(TOKEN);
    const stored = JSON.parse(text).secrets['openeo/cdse/refresh_token'];
    expect(stored.codec).toBe('safe-storage');
    expect(Buffer.from(stored.value, 'base64').subarray(0, 3).toString()).toBe('v10');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await createDesktopSecretStore(dir, fakeSafeStorage(true), () => undefined).get('openeo/cdse/refresh_token')).toBe(TOKEN);
    expect(warnings).toEqual([]);
  });

  it('falls back to the plain 0600 file with a warning when encryption is not available; encrypted values then read as absent', async () => {
    const dir = dataDir();
    await createDesktopSecretStore(dir, fakeSafeStorage(true), () => undefined).set('openeo/cdse/refresh_token', TOKEN);
    const warnings: string[] = [];
    const plain = createDesktopSecretStore(dir, fakeSafeStorage(false), (message) => warnings.push(message));
    expect(warnings).toEqual([expect.stringContaining('OS keychain is not available')]);
    expect(await plain.get('openeo/cdse/refresh_token')).toBeUndefined();
    await plain.set('openeo/eodc/password', 'pw');
    expect(JSON.parse(readFileSync(join(dir, SECRET_FILE_NAME), 'utf8')).secrets['openeo/eodc/password']).toEqual({ codec: 'plain', value: 'pw' });
  });

  it.runIf(process.platform === 'linux')('warns when Linux has no secret service (safeStorage\'s basic_text)', () => {
    const warnings: string[] = [];
    createDesktopSecretStore(dataDir(), fakeSafeStorage(true, 'basic_text'), (message) => warnings.push(message));
    expect(warnings).toEqual([expect.stringContaining('no Linux secret service')]);
  });
});
