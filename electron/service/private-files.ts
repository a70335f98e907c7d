/**
 * The data dir holds key hashes, the cursor secret, cached data and results: it is created private
 * to the user (0700) and the files that hold secrets are 0600. An existing data dir is left as the
 * user made it (it may be a folder they chose); the files below are ours and always tightened.
 * No-ops on Windows, where these modes do not apply.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/** Creates the file empty with mode 0600 when missing; tightens it to 0600 when it exists. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  if (POSIX) chmodSync(path, 0o600);
}

/** Tightens the file to 0600 if it exists (e.g. an SQLite -wal or -shm left by an older build). */
export function tightenIfPresent(path: string): void {
  if (!POSIX) return;
  try {
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
