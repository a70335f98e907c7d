/** GET /api/v1/search and its `next` links. */
import type { Bbox, ItemCollection, SourceId } from '../../../electron/service/stac/types';
import type { ApiClient } from './client';

export interface SearchParams {
  /** minLon,minLat,maxLon,maxLat; minLon > maxLon crosses the antimeridian. */
  bbox: Bbox;
  /** `start/end`, either end may be `..`. */
  datetime: string;
  cloudCoverLt: number;
  sources: SourceId[];
  limit: number;
}

export function searchQueryString(params: SearchParams): string {
  const query = new URLSearchParams({
    bbox: params.bbox.map((v) => String(Number(v.toFixed(6)))).join(','),
    datetime: params.datetime,
    cloud_cover_lt: String(params.cloudCoverLt),
    sources: params.sources.join(','),
    limit: String(params.limit),
  });
  return query.toString();
}

export function search(client: ApiClient, params: SearchParams, signal?: AbortSignal): Promise<ItemCollection> {
  return client.request<ItemCollection>('GET', `/api/v1/search?${searchQueryString(params)}`, undefined, signal);
}

/** Follows a `next` link (absolute or relative); only its path and query are used, so it always hits this service. */
export function searchNext(client: ApiClient, href: string, signal?: AbortSignal): Promise<ItemCollection> {
  const url = new URL(href, client.connection.apiBase);
  return client.request<ItemCollection>('GET', url.pathname + url.search, undefined, signal);
}
