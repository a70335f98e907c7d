/**
 * The offline cache: GET/DELETE /api/v1/cache, POST /api/v1/cache/offline (a job) and the
 * service settings (GET|PUT /api/v1/settings). Wire types from electron/service/cache/types.ts.
 */
import type { CacheReport, ServiceSettings } from '../../../electron/service/cache/types';
import type { ApiClient } from './client';
import type { AcceptedJob } from './jobs-api';

export type { CacheReport, ServiceSettings };

export function getCache(client: ApiClient, signal?: AbortSignal): Promise<CacheReport> {
  return client.request<CacheReport>('GET', '/api/v1/cache', undefined, signal);
}

export function clearCache(client: ApiClient): Promise<CacheReport | undefined> {
  return client.request<CacheReport | undefined>('DELETE', '/api/v1/cache');
}

export function makeOffline(client: ApiClient, body: { scene: string; bands: string[]; bbox?: number[] }): Promise<AcceptedJob> {
  return client.request<AcceptedJob>('POST', '/api/v1/cache/offline', body);
}

export function getSettings(client: ApiClient, signal?: AbortSignal): Promise<ServiceSettings> {
  return client.request<ServiceSettings>('GET', '/api/v1/settings', undefined, signal);
}

/** Changes the fields given; answers with all settings. */
export function putSettings(client: ApiClient, settings: Partial<ServiceSettings>): Promise<ServiceSettings> {
  return client.request<ServiceSettings>('PUT', '/api/v1/settings', settings);
}
