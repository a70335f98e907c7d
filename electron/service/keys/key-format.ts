/**
 * API key format of api.md: `astra_sk_live_` + 40 base62 characters from a CSPRNG. Keys carry
 * ~238 bits of entropy, so a fast SHA-256 is the right hash (no salt or KDF needed: there is
 * nothing to brute-force).
 */
import { createHash, randomInt } from 'node:crypto';

export const KEY_PREFIX = 'astra_sk_live_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 40;
const KEY_PATTERN = /^astra_sk_live_[0-9A-Za-z]{32,128}$/;

export function generateApiKey(): string {
  let body = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < RANDOM_LENGTH; i += 1) body += BASE62[randomInt(62)];
  return KEY_PREFIX + body;
}

export function isWellFormedKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What lists show so a person can tell keys apart: the prefix and the first 4 random chars. */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 4);
}
