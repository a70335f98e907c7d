/**
 * A SecretStore in one JSON file in the data dir, created 0600 (private-files.ts) and replaced
 * atomically (write a 0600 temp file, rename). Each value is stored through a codec: `plain`
 * (headless: the file's mode is the protection) or e.g. `safe-storage` (desktop: encrypted by the
 * OS keychain, base64). A value written by a codec that is not available here reads as absent, so
 * the user signs in again instead of the service failing. Errors name the file, never a value.
 *
 *   { "version": 1, "secrets": { "openeo/cdse/refresh_token": { "codec": "plain", "value": "…" } } }
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensurePrivateDir, tightenIfPresent } from '../../private-files';
import type { SecretStore } from './secret-store';

export const SECRET_FILE_NAME = 'openeo-secrets.json';

export interface SecretCodec {
  /** Recorded with each value; a value is only decoded by the codec of the same name. */
  name: string;
  encode(value: string): string;
  decode(stored: string): string;
}

export const PLAIN_CODEC: SecretCodec = { name: 'plain', encode: (value) => value, decode: (stored) => stored };

interface StoredSecret { codec: string; value: string }
interface SecretFile { version: 1; secrets: Record<string, StoredSecret> }

const NAME = /^[\w.:/-]{1,200}$/;

function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) throw new Error('secret names are 1–200 characters of letters, digits and _ . : / -');
}

function isStoredSecret(value: unknown): value is StoredSecret {
  return typeof value === 'object' && value !== null && typeof (value as StoredSecret).codec === 'string' && typeof (value as StoredSecret).value === 'string';
}

export interface FileSecretStoreOptions {
  codec?: SecretCodec;
  /** Told when a stored value cannot be read with this codec (it then counts as absent). */
  warn?: (message: string) => void;
}

export class FileSecretStore implements SecretStore {
  private readonly codec: SecretCodec;
  private readonly warn: (message: string) => void;
  /** Writes one after the other, so concurrent set/delete calls never lose each other's change. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string, options: FileSecretStoreOptions = {}) {
    this.codec = options.codec ?? PLAIN_CODEC;
    this.warn = options.warn ?? (() => undefined);
  }

  async get(name: string): Promise<string | undefined> {
    checkName(name);
    await this.queue;
    const stored = this.read().secrets[name];
    if (!stored) return undefined;
    if (stored.codec !== this.codec.name) {
      this.warn(`secret ${name} was stored with ${stored.codec}, which is not in use here; it counts as absent`);
      return undefined;
    }
    try {
      return this.codec.decode(stored.value);
    } catch {
      this.warn(`secret ${name} in ${this.path} cannot be decoded; it counts as absent`);
      return undefined;
    }
  }

  async set(name: string, value: string): Promise<void> {
    checkName(name);
    if (typeof value !== 'string' || value.length === 0) throw new Error(`secret ${name}: the value must be a non-empty string`);
    return this.update((file) => { file.secrets[name] = { codec: this.codec.name, value: this.codec.encode(value) }; });
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    return this.update((file) => { delete file.secrets[name]; });
  }

  private update(change: (file: SecretFile) => void): Promise<void> {
    const next = this.queue.then(() => {
      const file = this.read();
      change(file);
      this.write(file);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private read(): SecretFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new Error(`cannot read the secret file ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    tightenIfPresent(this.path);
    if (text.trim() === '') return { version: 1, secrets: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // JSON.parse quotes the text it choked on: say where, not what.
      throw new Error(`the secret file ${this.path} is not valid JSON; remove it and sign in to the openEO back-ends again`);
    }
    const secrets = (parsed as Partial<SecretFile> | null)?.secrets;
    if ((parsed as Partial<SecretFile> | null)?.version !== 1 || typeof secrets !== 'object' || secrets === null) {
      throw new Error(`the secret file ${this.path} has an unknown layout; remove it and sign in to the openEO back-ends again`);
    }
    return { version: 1, secrets: Object.fromEntries(Object.entries(secrets).filter(([, value]) => isStoredSecret(value))) };
  }

  private write(file: SecretFile): void {
    const temp = join(dirname(this.path), `.${SECRET_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      ensurePrivateDir(dirname(this.path));
      writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      renameSync(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new Error(`cannot write the secret file ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    tightenIfPresent(this.path);
  }
}

/** The headless store: `<dataDir>/openeo-secrets.json`, 0600, values as they are. */
export function createFileSecretStore(dataDir: string, options: FileSecretStoreOptions = {}): FileSecretStore {
  return new FileSecretStore(join(dataDir, SECRET_FILE_NAME), options);
}
