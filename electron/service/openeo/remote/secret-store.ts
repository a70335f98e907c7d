/**
 * Where the secrets of remote openEO back-ends live: basic passwords and OIDC tokens. Never in
 * SQLite, logs or API responses. Headless: a 0600 file in the data dir (file-secret-store.ts);
 * desktop: the same file with values encrypted by the OS keychain (electron/main, safeStorage).
 */

export interface SecretStore {
  /** undefined when there is none (or it cannot be decrypted here: then the user signs in again). */
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** The secrets one back-end may have. */
export type BackendSecret = 'password' | 'access_token' | 'refresh_token';

/** `openeo/<backend id>/<secret>`: the names used in the store. */
export function backendSecretName(backendId: string, secret: BackendSecret): string {
  return `openeo/${backendId}/${secret}`;
}

export const BACKEND_SECRETS: readonly BackendSecret[] = ['password', 'access_token', 'refresh_token'];

/** A back-end's secrets, read and written by kind. */
export class BackendSecrets {
  constructor(private readonly store: SecretStore, readonly backendId: string) {}

  get(secret: BackendSecret): Promise<string | undefined> {
    return this.store.get(backendSecretName(this.backendId, secret));
  }

  set(secret: BackendSecret, value: string): Promise<void> {
    return this.store.set(backendSecretName(this.backendId, secret), value);
  }

  delete(secret: BackendSecret): Promise<void> {
    return this.store.delete(backendSecretName(this.backendId, secret));
  }

  async clear(): Promise<void> {
    for (const secret of BACKEND_SECRETS) await this.delete(secret);
  }
}
