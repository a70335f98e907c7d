/** Scenes and their assets: GET /scenes/{id}, /scenes/{id}/assets, and the COG byte proxy. Types from the API contract. */
import type { SceneAssets, StacItem } from '../../../electron/service/api/contract';
import { routePath, type ApiClient } from './client';

const COG_ROUTE = '/api/v1/scenes/{id}/assets/{band}/cog';

export function getScene(client: ApiClient, id: string, signal?: AbortSignal): Promise<StacItem> {
  return client.call('GET /api/v1/scenes/{id}', { params: { id }, signal });
}

/**
 * How each asset's bytes are reached. Without `bands`, every COG asset of the scene: the service
 * decides which assets are Cloud-Optimized GeoTIFFs.
 */
export function getAssets(client: ApiClient, id: string, bands?: string[], signal?: AbortSignal): Promise<SceneAssets> {
  return client.call('GET /api/v1/scenes/{id}/assets', { params: { id }, query: { format: 'cog', ...(bands ? { bands: bands.join(',') } : {}) }, signal });
}

/** Absolute URL of an asset's bytes through this app (Range, cache-first); needs the Authorization header. */
export function cogUrl(client: ApiClient, id: string, band: string): string {
  return client.url(routePath(COG_ROUTE, { id, band }));
}

/** An asset's bytes as a Blob (small assets only: thumbnails). */
export async function fetchAssetBlob(client: ApiClient, id: string, band: string, signal?: AbortSignal): Promise<Blob> {
  const response = await client.fetch(routePath(COG_ROUTE, { id, band }), { signal });
  return response.blob();
}
