/**
 * /api/v1/stac: a STAC API (landing page, conformance, collections, item search) over the same
 * federated, cached catalog, so pystac-client, QGIS, STAC Browser and GDAL's STACIT driver can use
 * the app as one endpoint. Search parameters follow the STAC API spec and are translated to the
 * ASTRA search; `query` supports `eo:cloud_cover` `lt`/`lte`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidParameter, notFound } from '../../api/errors';
import { parseSearchBody, parseSearchQuery } from '../../search';
import type { ServiceContext } from '../../service-context';
import type { ItemCollection, StacItem, StacLink } from '../../stac/types';
import { ASTRA_VERSION } from '../../version';
import { runSearch, selfOrigin, toItemCollection } from './search';

const CONFORMANCE = [
  'https://api.stacspec.org/v1.0.0/core',
  'https://api.stacspec.org/v1.0.0/collections',
  'https://api.stacspec.org/v1.0.0/item-search',
  'https://api.stacspec.org/v1.0.0/item-search#query',
  'https://api.stacspec.org/v1.0.0/item-search#sort',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

interface CollectionEntry {
  id: string;
  source: string;
  title: string;
}

function collectionsOf(ctx: ServiceContext): CollectionEntry[] {
  return ctx.sources.flatMap((adapter) => {
    const d = adapter.describe();
    return d.collections.map((c) => ({ id: c, source: d.id, title: `${d.title}: ${c}` }));
  });
}

function collectionDoc(entry: CollectionEntry, base: string) {
  return {
    type: 'Collection',
    stac_version: '1.0.0',
    id: entry.id,
    title: entry.title,
    description: `Upstream collection ${entry.id}, searched through the ASTRA source "${entry.source}".`,
    license: 'various',
    extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[null, null]] } },
    links: [
      { rel: 'self', href: `${base}/collections/${entry.id}`, type: 'application/json' },
      { rel: 'root', href: base, type: 'application/json' },
      { rel: 'parent', href: base, type: 'application/json' },
    ],
  };
}

/** Translates STAC API search parameters to ASTRA's (same names except `query`, `collections` arrays). */
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
  // Clients add these; ASTRA answers full items regardless.
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
  const collection = String(item.properties['astra:collection']);
  const links: StacLink[] = [
    ...item.links,
    { rel: 'collection', href: `${base}/collections/${collection}`, type: 'application/json' },
    { rel: 'root', href: base, type: 'application/json' },
  ];
  return { ...item, collection, links };
}

/** STAC API flavour of an ItemCollection: collection links on items, OGC counts beside `context`. */
function asStacSearchAnswer(collection: ItemCollection, base: string) {
  return {
    ...collection,
    features: collection.features.map((f) => withCollectionLinks(f, base)),
    numberReturned: collection.features.length,
    ...(collection.context.matched !== null ? { numberMatched: collection.context.matched } : {}),
  };
}

export function stacApiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const baseOf = (request: FastifyRequest) => `${selfOrigin(request)}/api/v1/stac`;

  app.get('/api/v1/stac', { config: { access: 'read' } }, async (request) => {
    const base = baseOf(request);
    return {
      type: 'Catalog',
      stac_version: '1.0.0',
      id: 'astra',
      title: 'ASTRA Desktop',
      description: `Federated Sentinel-2, Landsat 8/9 and Planetary Computer catalog (ASTRA ${ASTRA_VERSION}).`,
      conformsTo: CONFORMANCE,
      links: [
        { rel: 'self', href: base, type: 'application/json' },
        { rel: 'root', href: base, type: 'application/json' },
        { rel: 'conformance', href: `${base}/conformance`, type: 'application/json' },
        { rel: 'data', href: `${base}/collections`, type: 'application/json' },
        { rel: 'search', href: `${base}/search`, type: 'application/geo+json', method: 'GET' },
        { rel: 'search', href: `${base}/search`, type: 'application/geo+json', method: 'POST' },
        { rel: 'service-desc', href: `${selfOrigin(request)}/api/v1/openapi.json`, type: 'application/vnd.oai.openapi+json;version=3.0' },
        ...collectionsOf(ctx).map((c) => ({ rel: 'child', href: `${base}/collections/${c.id}`, type: 'application/json', title: c.title })),
      ],
    };
  });

  app.get('/api/v1/stac/conformance', { config: { access: 'read' } }, async () => ({ conformsTo: CONFORMANCE }));

  app.get('/api/v1/stac/collections', { config: { access: 'read' } }, async (request) => {
    const base = baseOf(request);
    return {
      collections: collectionsOf(ctx).map((c) => collectionDoc(c, base)),
      links: [{ rel: 'self', href: `${base}/collections`, type: 'application/json' }, { rel: 'root', href: base, type: 'application/json' }],
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/stac/collections/:id', { config: { access: 'read' } }, async (request) => {
    const entry = collectionsOf(ctx).find((c) => c.id === request.params.id);
    if (!entry) throw notFound(`no collection ${request.params.id}`);
    return collectionDoc(entry, baseOf(request));
  });

  app.get('/api/v1/stac/search', { config: { access: 'read' } }, async (request, reply) => {
    const parsed = parseSearchQuery(fromStacParameters(request.query as Record<string, unknown>, true), { cursorSecret: ctx.cursorSecret });
    const result = await runSearch(ctx, parsed, request, reply);
    const base = baseOf(request);
    const url = new URL(request.url, selfOrigin(request));
    reply.type('application/geo+json; charset=utf-8');
    const collection = toItemCollection(result, selfOrigin(request), (cursor) => {
      url.searchParams.set('token', cursor);
      url.searchParams.delete('cursor');
      return { rel: 'next', href: url.toString(), type: 'application/geo+json', method: 'GET' };
    });
    return asStacSearchAnswer(collection, base);
  });

  app.post('/api/v1/stac/search', { config: { access: 'read' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseSearchBody(fromStacParameters(body, false), { cursorSecret: ctx.cursorSecret });
    const result = await runSearch(ctx, parsed, request, reply);
    const base = baseOf(request);
    reply.type('application/geo+json; charset=utf-8');
    const collection = toItemCollection(result, selfOrigin(request), (cursor) => ({
      rel: 'next', href: `${base}/search`, type: 'application/geo+json', method: 'POST', body: { ...body, token: cursor }, merge: false,
    }));
    return asStacSearchAnswer(collection, base);
  });
}
