/**
 * The offline cache: GET/DELETE /api/v1/cache and POST /api/v1/cache/offline (a job).
 * NOTE: the GET /cache body's type (`CacheReport`) lives in electron/service/cache/cache-services.ts,
 * which pulls in Node, so the renderer cannot import it; the panel shows the numbers it finds
 * (api.md: "sizes, counts, limit"). Import the type here once it moves to a types.ts.
 */
import type { ApiClient } from './client';
import type { AcceptedJob } from './jobs-api';

export type CacheReport = Record<string, unknown>;

export function getCache(client: ApiClient, signal?: AbortSignal): Promise<CacheReport> {
  return client.request<CacheReport>('GET', '/api/v1/cache', undefined, signal);
}

export function clearCache(client: ApiClient): Promise<CacheReport | undefined> {
  return client.request<CacheReport | undefined>('DELETE', '/api/v1/cache');
}

export function makeOffline(client: ApiClient, body: { scene: string; bands: string[]; bbox?: number[] }): Promise<AcceptedJob> {
  return client.request<AcceptedJob>('POST', '/api/v1/cache/offline', body);
}

/** The service's runtime offline switch (GET|PUT /api/v1/settings); not in api.md, so optional. */
export interface ServiceSettings {
  offline: boolean;
}

export function getSettings(client: ApiClient, signal?: AbortSignal): Promise<ServiceSettings> {
  return client.request<ServiceSettings>('GET', '/api/v1/settings', undefined, signal);
}

export function putSettings(client: ApiClient, settings: ServiceSettings): Promise<ServiceSettings> {
  return client.request<ServiceSettings>('PUT', '/api/v1/settings', settings);
}
