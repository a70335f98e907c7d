/**
 * How the desktop app keeps remote openEO back-end secrets: the service's secret file
 * (openeo-secrets.json, 0600) with every value encrypted by Electron's safeStorage — the OS
 * keychain (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux) — and stored as base64.
 * When encryption is not available: no codec, so the plain 0600 file, with a warning, as in
 * headless mode. Takes the safeStorage object as a parameter so it is testable without Electron.
 */
import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../service/server';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export const SAFE_STORAGE_CODEC_NAME = 'safe-storage';

export function safeStorageCodec(safeStorage: SafeStorageLike): SecretCodec {
  return {
    name: SAFE_STORAGE_CODEC_NAME,
    encode: (value) => safeStorage.encryptString(value).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}

/** Call after `app.whenReady()`: safeStorage is not available before on Linux. */
export function desktopSecretCodec(safeStorage: SafeStorageLike, warn: (message: string) => void): SecretCodec | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    warn('the OS keychain is not available (Electron safeStorage); openEO back-end secrets are kept in a file only this user can read (0600), unencrypted');
    return undefined;
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    warn('no Linux secret service (libsecret or kwallet) was found: openEO back-end secrets are encrypted with a fixed key only, in a file only this user can read (0600)');
  }
  return safeStorageCodec(safeStorage);
}
