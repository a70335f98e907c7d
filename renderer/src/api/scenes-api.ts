/** Scenes and their assets: GET /scenes/{id}, /scenes/{id}/assets, and the COG byte proxy. */
import type { StacItem } from '../../../electron/service/stac/types';
import type { ApiClient } from './client';

/**
 * One entry of GET /scenes/{id}/assets; `route` says how the bytes are reached.
 * NOTE: mirrors `ResolvedAsset` of electron/service/assets/asset-resolver.ts, which the renderer
 * cannot import (that module pulls in Node); move it to a types.ts there and import it here.
 */
export interface ResolvedAsset {
  href: string;
  type: string | null;
  gsd: number | null;
  expires_at: string | null;
  route: 'cache' | 'signed' | 'public' | 'alternate';
  asset?: string;
}

export interface ResolvedAssets {
  scene: string;
  assets: Record<string, ResolvedAsset>;
}

const scenePath = (id: string) => `/api/v1/scenes/${encodeURIComponent(id)}`;

export function getScene(client: ApiClient, id: string, signal?: AbortSignal): Promise<StacItem> {
  return client.request<StacItem>('GET', scenePath(id), undefined, signal);
}

/** Assets whose bytes are a (Cloud-Optimized) GeoTIFF: the ones `format=cog` resolves. */
export function cogAssetKeys(item: Pick<StacItem, 'assets'>): string[] {
  return Object.entries(item.assets)
    .filter(([key, asset]) => {
      const type = (asset.type ?? '').toLowerCase();
      if (/jp2/i.test(key) || type.includes('jp2')) return false;
      return type.includes('tiff') || (type === '' && /\.tiff?$/i.test(asset.href.split('?')[0]));
    })
    .map(([key]) => key)
    .slice(0, 32);
}

export function getAssets(client: ApiClient, id: string, bands: string[], signal?: AbortSignal): Promise<ResolvedAssets> {
  const query = new URLSearchParams({ bands: bands.join(','), format: 'cog' });
  return client.request<ResolvedAssets>('GET', `${scenePath(id)}/assets?${query}`, undefined, signal);
}

/** Absolute URL of an asset's bytes through this app (Range, cache-first); needs the Authorization header. */
export function cogUrl(client: ApiClient, id: string, band: string): string {
  return client.url(`${scenePath(id)}/assets/${encodeURIComponent(band)}/cog`);
}

/** An asset's bytes as a Blob (small assets only: thumbnails). */
export async function fetchAssetBlob(client: ApiClient, id: string, band: string, signal?: AbortSignal): Promise<Blob> {
  const response = await client.fetch(`${scenePath(id)}/assets/${encodeURIComponent(band)}/cog`, { signal });
  return response.blob();
}
