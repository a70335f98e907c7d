/** What a fake catalog's router receives, and the routes all three catalogs share. */
import type { ServerResponse } from 'node:http';
import { applyBodyFaults, type CatalogFaults } from './faults';
import type { Json } from './fixture-files';
import { sendJson, sendStacError } from './http-exchange';
import { readSearchRequest, type SearchRequest } from './search-request';

export interface CatalogExchange {
  method: string;
  /** Path below the catalog root, e.g. `/search`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  res: ServerResponse;
  /** Public URL of this catalog's root on the fake server. */
  root: string;
  faults: CatalogFaults;
  items: Json[];
  /** Set when items are served as stored JSON documents (FakeUpstreamOptions.storedItemJson). */
  featureJson?: (feature: unknown) => string;
}

export const GEOJSON = 'application/geo+json';

/** GET /collections/{c}/items/{id}: the item, or a STAC 404. Returns false when the path is not that route. */
export function answerItemRoute(exchange: CatalogExchange): boolean {
  const match = /^\/collections\/([^/]+)\/items\/([^/]+)$/.exec(exchange.path);
  if (!match || exchange.method !== 'GET') return false;
  if (applyBodyFaults(exchange.faults, exchange.res)) return true;
  const [collection, id] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
  const item = exchange.items.find((candidate) => candidate.collection === collection && candidate.id === id);
  if (item) sendJson(exchange.res, 200, item, GEOJSON);
  else sendStacError(exchange.res, 404, `Item ${id} in collection ${collection} not found`);
  return true;
}

/** The parsed search, or undefined after answering 400. */
export function searchOrBadRequest(exchange: CatalogExchange): SearchRequest | undefined {
  try {
    return readSearchRequest(exchange.method, exchange.body, exchange.query);
  } catch (error) {
    sendStacError(exchange.res, 400, (error as Error).message);
    return undefined;
  }
}

export function clampLimit(requested: number | undefined, fallback: number, max: number): number {
  return Math.max(1, Math.min(Math.floor(requested ?? fallback), max));
}
