/**
 * The remote openEO back-ends of the settings, in SQLite (migration 009), and their secrets in the
 * SecretStore. What leaves here toward a client is `RemoteBackendView`: the entry plus whether a
 * secret is set — never the secret itself.
 */
import type { Db } from '../../db/open-database';
import { BackendSecrets, type SecretStore } from './secret-store';
import type { RemoteBackend, RemoteBackendInput, RemoteBackendView } from './types';

export type { RemoteBackendView };

/** A settings row: the entry with its pinned collections as JSON text. */
type BackendRow = Omit<RemoteBackend, 'collections'> & { collections: string };

function toBackend(row: BackendRow): RemoteBackend {
  return { ...row, collections: JSON.parse(row.collections) as Record<string, string> };
}

export class RemoteBackendStore {
  constructor(private readonly db: Db, private readonly secretStore: SecretStore, private readonly now: () => Date = () => new Date()) {}

  list(): RemoteBackend[] {
    return this.db.prepare<[], BackendRow>('SELECT * FROM openeo_backends ORDER BY id').all().map(toBackend);
  }

  get(id: string): RemoteBackend | undefined {
    const row = this.db.prepare<[string], BackendRow>('SELECT * FROM openeo_backends WHERE id = ?').get(id);
    return row ? toBackend(row) : undefined;
  }

  /**
   * Creates or replaces an entry (validated input: backend-input.ts). Changing the URL, the
   * authentication method or the user drops the stored secrets: they belonged to the old account.
   */
  async put(input: RemoteBackendInput): Promise<RemoteBackend> {
    const before = this.get(input.id);
    const stamp = this.now().toISOString();
    this.db.prepare(`
      INSERT INTO openeo_backends (id, url, title, auth, username, oidc_provider_id, oidc_client_id, collections, created_at, updated_at)
      VALUES (@id, @url, @title, @auth, @username, @oidc_provider_id, @oidc_client_id, @collections, @stamp, @stamp)
      ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, auth = excluded.auth, username = excluded.username,
        oidc_provider_id = excluded.oidc_provider_id, oidc_client_id = excluded.oidc_client_id,
        collections = excluded.collections, updated_at = excluded.updated_at
    `).run({
      id: input.id, url: input.url, title: input.title ?? null, auth: input.auth, username: input.username ?? null,
      oidc_provider_id: input.oidc_provider_id ?? null, oidc_client_id: input.oidc_client_id ?? null,
      collections: JSON.stringify(input.collections ?? {}), stamp,
    });
    const after = this.get(input.id) as RemoteBackend;
    const sameAccount = before && before.url === after.url && before.auth === after.auth && before.username === after.username
      && before.oidc_provider_id === after.oidc_provider_id && before.oidc_client_id === after.oidc_client_id;
    if (before && !sameAccount) await this.secrets(input.id).clear();
    return after;
  }

  /** Removes the entry and its secrets; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const removed = this.db.prepare('DELETE FROM openeo_backends WHERE id = ?').run(id).changes > 0;
    await this.secrets(id).clear();
    return removed;
  }

  secrets(id: string): BackendSecrets {
    return new BackendSecrets(this.secretStore, id);
  }

  /** The basic password of a back-end (kept in the SecretStore). */
  async setPassword(id: string, password: string): Promise<void> {
    await this.secrets(id).set('password', password);
  }

  /** Forgets the back-end's secrets (sign out). */
  async signOut(id: string): Promise<void> {
    await this.secrets(id).clear();
  }

  async view(backend: RemoteBackend): Promise<RemoteBackendView> {
    const secrets = this.secrets(backend.id);
    const signedIn = backend.auth === 'basic'
      ? (await secrets.get('password')) !== undefined
      : (await secrets.get('refresh_token')) !== undefined || (await secrets.get('access_token')) !== undefined;
    return { ...backend, signed_in: signedIn };
  }
}
