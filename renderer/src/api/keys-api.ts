/** API keys: GET/POST /api/v1/keys, DELETE /api/v1/keys/{id}. Types from the API contract. */
import type { ApiKeyList, CreatedApiKey, KeyScope } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

export function listKeys(client: ApiClient, signal?: AbortSignal): Promise<ApiKeyList> {
  return client.call('GET /api/v1/keys', { signal });
}

export function createKey(client: ApiClient, name: string, scopes: readonly KeyScope[]): Promise<CreatedApiKey> {
  return client.call('POST /api/v1/keys', { body: { name, scopes: [...scopes] } });
}

export async function revokeKey(client: ApiClient, id: string): Promise<void> {
  await client.call('DELETE /api/v1/keys/{id}', { params: { id } });
}
