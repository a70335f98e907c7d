/**
 * The STAC API flavour of ASTRA's search (routes stac-api.ts, stac-collections.ts): STAC
 * parameters in, ItemCollections out whose items name their source-scoped collection
 * (`planetary-computer:sentinel-2-l2a`: the upstream collection ids alone are not unique across
 * catalogs), with a resolvable `rel=collection` link, and OGC counts beside `context`.
 */
import { invalidParameter } from '../../api/errors';
import { MAX_LIMIT } from '../../search';
import type { ItemCollection, StacItem, StacItemCollection, StacLink } from '../../stac/types';

/** The STAC collection id of an ASTRA item: `<source>:<upstream collection>`. */
export function stacCollectionId(item: StacItem): string {
  return `${item.properties['astra:source']}:${item.properties['astra:collection']}`;
}

/** `/collections/<id>` with the id escaped except for the `source:` colon (as scene hrefs are). */
export function collectionPath(id: string): string {
  return `/collections/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;
}

/**
 * STAC API search parameters → ASTRA's (same names except `query` and `token`). `limit` above
 * ASTRA's maximum is clamped, as the STAC API spec asks; `fields` is ignored (full items).
 */
export function fromStacParameters(input: Record<string, unknown>, isGet: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (out.query !== undefined) {
    const query = typeof out.query === 'string' ? safeJson(out.query, 'query') : out.query;
    const cloud = (query as Record<string, Record<string, unknown>> | null)?.['eo:cloud_cover'];
    const keys = Object.keys((query as Record<string, unknown>) ?? {});
    if (!cloud || keys.length !== 1) throw invalidParameter('query', 'only {"eo:cloud_cover": {"lt": N}} is supported');
    const bound = cloud.lt ?? cloud.lte;
    if (typeof bound !== 'number') throw invalidParameter('query', 'eo:cloud_cover needs a numeric lt or lte');
    out.cloud_cover_lt = isGet ? String(bound) : bound;
    delete out.query;
  }
  const limit = Number(out.limit);
  if (out.limit !== undefined && Number.isInteger(limit) && limit > MAX_LIMIT) out.limit = isGet ? String(MAX_LIMIT) : MAX_LIMIT;
  delete out.fields;
  if (out.token !== undefined) {
    out.cursor = out.token;
    delete out.token;
  }
  return out;
}

function safeJson(text: string, parameter: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidParameter(parameter, 'is not valid JSON');
  }
}

function withCollectionLinks(item: StacItem, base: string): StacItem {
  const collection = stacCollectionId(item);
  const links: StacLink[] = [
    ...item.links,
    { rel: 'collection', href: `${base}${collectionPath(collection)}`, type: 'application/json' },
    { rel: 'root', href: base, type: 'application/json' },
  ];
  return { ...item, collection, links };
}

/** Items with their collection, `numberReturned`, and `numberMatched` when the count is known. */
export function asStacItemCollection(collection: ItemCollection, base: string): StacItemCollection {
  return {
    ...collection,
    features: collection.features.map((f) => withCollectionLinks(f, base)),
    numberReturned: collection.features.length,
    ...(collection.context.matched !== null ? { numberMatched: collection.context.matched } : {}),
  };
}
