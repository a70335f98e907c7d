/**
 * A random secret kept in the data dir (mode 0600), created on first use. Signs search cursors so
 * `next` links keep working across restarts while an edited cursor never reaches an upstream.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tightenIfPresent } from './private-files';

export function loadOrCreateSecret(dataDir: string, name: string): string {
  const path = join(dataDir, `${name}.secret`);
  let existing = '';
  try {
    existing = readFileSync(path, 'utf8').trim();
  } catch {
    // Not there yet.
  }
  const secret = /^[0-9a-f]{64}$/.test(existing) ? existing : randomBytes(32).toString('hex');
  if (secret !== existing) writeFileSync(path, secret, { mode: 0o600 });
  // A file written by an older build (or the umask) may be readable by others.
  tightenIfPresent(path);
  return secret;
}
