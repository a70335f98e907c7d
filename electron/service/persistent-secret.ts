/**
 * A random secret kept in the data dir (mode 0600), created on first use. Signs search cursors so
 * `next` links keep working across restarts while an edited cursor never reaches an upstream.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadOrCreateSecret(dataDir: string, name: string): string {
  const path = join(dataDir, `${name}.secret`);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(existing)) return existing;
  } catch {
    // Not there yet.
  }
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
