/** API keys: GET/POST /api/v1/keys, DELETE /api/v1/keys/{id}. */
import type { ApiKeyList, CreatedApiKey, KeyScope } from '../../../electron/service/api/types';
import type { ApiClient } from './client';

export function listKeys(client: ApiClient, signal?: AbortSignal): Promise<ApiKeyList> {
  return client.request<ApiKeyList>('GET', '/api/v1/keys', undefined, signal);
}

export function createKey(client: ApiClient, name: string, scopes: readonly KeyScope[]): Promise<CreatedApiKey> {
  return client.request<CreatedApiKey>('POST', '/api/v1/keys', { name, scopes });
}

export function revokeKey(client: ApiClient, id: string): Promise<void> {
  return client.request<void>('DELETE', `/api/v1/keys/${encodeURIComponent(id)}`);
}
