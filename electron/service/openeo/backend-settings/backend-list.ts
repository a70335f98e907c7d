/**
 * `openeo_backends` of PUT /api/v1/settings: the whole list of remote back-ends, replacing the
 * stored one. Every entry is validated first (400 naming `openeo_backends[i].<field>`), ids must be
 * unique; only then entries are written and the ones left out removed with their secrets (an
 * entry whose URL, authentication or account changed loses its secrets too: RemoteBackendStore).
 */
import { AppError, invalidParameter, isAppError } from '../../api/errors';
import { parseRemoteBackendInput } from '../remote/backend-input';
import type { RemoteBackendStore } from '../remote/backend-registry';
import type { RemoteBackendInput } from '../remote/types';

export const MAX_BACKENDS = 20;

/** The validated list of a PUT body's `openeo_backends`. Pure. */
export function parseBackendList(value: unknown): RemoteBackendInput[] {
  if (!Array.isArray(value)) throw invalidParameter('openeo_backends', 'must be an array of back-ends: [{"id", "url", "auth", "title"?, "username"?}]');
  if (value.length > MAX_BACKENDS) throw invalidParameter('openeo_backends', `at most ${MAX_BACKENDS} back-ends`);
  const entries = value.map((entry, i) => {
    try {
      return parseRemoteBackendInput(entry);
    } catch (error) {
      if (!isAppError(error) || !error.parameter) throw error;
      const parameter = `openeo_backends[${i}].${error.parameter}`;
      throw new AppError(error.code, `${parameter}: ${error.message.replace(/^[^:]+: /, '')}`, { parameter });
    }
  });
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (seen.has(entry.id)) throw invalidParameter(`openeo_backends[${i}].id`, `"${entry.id}" is used twice`);
    seen.add(entry.id);
  });
  return entries;
}

/** Replaces the stored list; returns the ids that were removed or whose account changed. */
export async function replaceBackends(store: RemoteBackendStore, entries: readonly RemoteBackendInput[]): Promise<string[]> {
  const wanted = new Set(entries.map((entry) => entry.id));
  const touched: string[] = [];
  for (const old of store.list()) {
    if (wanted.has(old.id)) continue;
    await store.delete(old.id);
    touched.push(old.id);
  }
  for (const entry of entries) {
    const before = store.get(entry.id);
    const after = await store.put(entry);
    if (before && (before.url !== after.url || before.auth !== after.auth || before.username !== after.username
      || before.oidc_provider_id !== after.oidc_provider_id || before.oidc_client_id !== after.oidc_client_id)) touched.push(entry.id);
  }
  return touched;
}
