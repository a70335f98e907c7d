/**
 * Turns one federated request into the upstream result streams to read: one per selected source,
 * or two per source when the bbox crosses the antimeridian. Each stream has its own SourceQuery.
 */
import { invalidParameter } from '../api/errors';
import type { SourceId } from '../stac/types';
import type { SourceAdapter, SourceQuery } from '../sources/types';
import { splitBbox } from './antimeridian';
import { isSourceId } from './scoped-id';
import type { FederatedSearchRequest } from './types';

export interface StreamPlan {
  /** `sentinel-2`, or `sentinel-2/0` and `sentinel-2/1` for the two antimeridian halves. */
  key: string;
  source: SourceId;
  adapter: SourceAdapter;
  query: SourceQuery;
}

export interface SearchPlan {
  streams: StreamPlan[];
  /** Selected sources no adapter was given for (reported as failed sources). */
  unconfigured: SourceId[];
}

export function planStreams(request: FederatedSearchRequest, adapters: readonly SourceAdapter[]): SearchPlan {
  const selected = request.sources.flatMap((id) => adapters.filter((a) => a.id === id).slice(0, 1));
  const unconfigured = request.sources.filter((id) => !selected.some((a) => a.id === id));
  const collections = routeCollections(request.query.collections, selected);
  const streams: StreamPlan[] = [];
  for (const adapter of selected) {
    const own = collections?.get(adapter.id);
    if (collections && !own) continue;
    const ids = request.query.ids?.filter((id) => id.source === adapter.id).map((id) => id.upstreamId);
    if (request.query.ids && ids?.length === 0) continue;
    const base = sourceQuery(request, own, ids);
    const boxes = request.query.bbox ? splitBbox(request.query.bbox) : [undefined];
    boxes.forEach((bbox, i) => streams.push({
      key: boxes.length > 1 ? `${adapter.id}/${i}` : adapter.id,
      source: adapter.id,
      adapter,
      query: bbox ? { ...base, bbox } : base,
    }));
  }
  return { streams, unconfigured };
}

function sourceQuery(request: FederatedSearchRequest, collections: string[] | undefined, ids: string[] | undefined): SourceQuery {
  const { intersects, datetime, cloudCoverLt } = request.query;
  return {
    ...(intersects ? { intersects } : {}),
    ...(ids ? { ids } : {}),
    ...(datetime ? { datetime } : {}),
    ...(cloudCoverLt !== undefined ? { cloudCoverLt } : {}),
    ...(collections ? { collections } : {}),
    limit: request.limit,
    sortby: request.sortby,
  };
}

/** `planetary-computer:sentinel-2-l2a` → that source and upstream collection; undefined when not scoped. */
export function parseScopedCollection(collection: string): { source: SourceId; collection: string } | undefined {
  const colon = collection.indexOf(':');
  const source = collection.slice(0, colon);
  return colon > 0 && colon < collection.length - 1 && isSourceId(source) ? { source, collection: collection.slice(colon + 1) } : undefined;
}

/**
 * Sends each requested collection to the selected sources that list it; a collection no source
 * lists goes to Planetary Computer, which serves any of its collections by name (docs/api.md).
 * A source-scoped collection (`planetary-computer:sentinel-2-l2a`, the STAC API's collection ids)
 * goes to that source only. Sources left without a collection are not searched. Undefined when no
 * collections were asked.
 */
export function routeCollections(requested: string[] | undefined, adapters: readonly SourceAdapter[]): Map<SourceId, string[]> | undefined {
  if (!requested) return undefined;
  const routes = new Map<SourceId, string[]>();
  const add = (source: SourceId, collection: string) => routes.set(source, [...(routes.get(source) ?? []), collection]);
  const offered = new Map(adapters.map((a) => [a.id, a.describe().collections]));
  for (const collection of requested) {
    const scoped = parseScopedCollection(collection);
    if (scoped) {
      if (!offered.has(scoped.source)) throw invalidParameter('collections', `"${collection}" is a collection of source ${scoped.source}, which is not searched`);
      add(scoped.source, scoped.collection);
      continue;
    }
    const owners = adapters.filter((a) => offered.get(a.id)?.includes(collection)).map((a) => a.id);
    if (owners.length === 0 && offered.has('planetary-computer')) owners.push('planetary-computer');
    if (owners.length === 0) {
      throw invalidParameter('collections', `no selected source offers collection "${collection}"`);
    }
    owners.forEach((source) => add(source, collection));
  }
  return routes;
}
