/** GET /api/v1/search and its `next` links. Types from the API contract. */
import type { Bbox, ItemCollection, SearchQuery, SourceId } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

/** The search form's values, named for the form; searchQuery turns them into the API's query. */
export interface SearchParams {
  /** minLon,minLat,maxLon,maxLat; minLon > maxLon crosses the antimeridian. */
  bbox: Bbox;
  /** `start/end`, either end may be `..`. */
  datetime: string;
  cloudCoverLt: number;
  sources: SourceId[];
  limit: number;
}

export function searchQuery(params: SearchParams): SearchQuery {
  return {
    bbox: params.bbox.map((v) => String(Number(v.toFixed(6)))).join(','),
    datetime: params.datetime,
    cloud_cover_lt: String(params.cloudCoverLt),
    sources: params.sources.join(','),
    limit: String(params.limit),
  };
}

export function search(client: ApiClient, params: SearchParams, signal?: AbortSignal): Promise<ItemCollection> {
  return client.call('GET /api/v1/search', { query: searchQuery(params), signal });
}

/** Follows a `next` link (absolute or relative); only its path and query are used, so it always hits this service. */
export function searchNext(client: ApiClient, href: string, signal?: AbortSignal): Promise<ItemCollection> {
  const url = new URL(href, client.connection.apiBase);
  return client.request<ItemCollection>('GET', url.pathname + url.search, undefined, signal);
}
