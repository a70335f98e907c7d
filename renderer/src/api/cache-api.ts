/**
 * The offline cache: GET/DELETE /api/v1/cache, POST /api/v1/cache/offline (a job) and the
 * service settings (GET|PUT /api/v1/settings). Types from the API contract.
 */
import type { CacheReport, JobCreated, OfflineRequest, ServiceSettings, SettingsPatch } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

export function getCache(client: ApiClient, signal?: AbortSignal): Promise<CacheReport> {
  return client.call('GET /api/v1/cache', { signal });
}

/** Clears tiles and items; job results stay. Answers the report after clearing. */
export function clearCache(client: ApiClient): Promise<CacheReport> {
  return client.call('DELETE /api/v1/cache');
}

export function makeOffline(client: ApiClient, body: OfflineRequest): Promise<JobCreated> {
  return client.call('POST /api/v1/cache/offline', { body });
}

export function getSettings(client: ApiClient, signal?: AbortSignal): Promise<ServiceSettings> {
  return client.call('GET /api/v1/settings', { signal });
}

/** Changes the fields given; answers with all settings. */
export function putSettings(client: ApiClient, settings: SettingsPatch): Promise<ServiceSettings> {
  return client.call('PUT /api/v1/settings', { body: settings });
}
