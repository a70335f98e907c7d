/**
 * /api/v1/stac: a STAC API (landing page, conformance, collections, item search) over the same
 * federated, cached catalog, so pystac-client, QGIS, STAC Browser and GDAL's STACIT driver can use
 * the app as one endpoint. Search parameters follow the STAC API spec and are translated to the
 * ASTRA search (stac-answer.ts); `query` supports `eo:cloud_cover` `lt`/`lte`. Collections, with
 * source-scoped ids, are in stac-collections.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { parseSearchBody, parseSearchQuery } from '../../search';
import type { ServiceContext } from '../../service-context';
import { ASTRA_VERSION } from '../../version';
import { runSearch, selfOrigin, toItemCollection } from './search';
import { asStacItemCollection, collectionPath, fromStacParameters } from './stac-answer';
import { stacCollectionRoutes, stacCollections } from './stac-collections';

const CONFORMANCE = [
  'https://api.stacspec.org/v1.0.0/core',
  'https://api.stacspec.org/v1.0.0/collections',
  'https://api.stacspec.org/v1.0.0/item-search',
  'https://api.stacspec.org/v1.0.0/item-search#query',
  'https://api.stacspec.org/v1.0.0/item-search#sort',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

export function stacApiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const baseOf = (request: FastifyRequest) => `${selfOrigin(request)}/api/v1/stac`;

  app.get('/api/v1/stac', { config: { access: 'read' } }, async (request): Promise<ResponseOf<'GET /api/v1/stac'>> => {
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
        ...stacCollections(ctx.sources).map((c) => ({ rel: 'child', href: `${base}${collectionPath(c.id)}`, type: 'application/json', title: c.title })),
      ],
    };
  });

  app.get('/api/v1/stac/conformance', { config: { access: 'read' } }, async (): Promise<ResponseOf<'GET /api/v1/stac/conformance'>> => ({ conformsTo: CONFORMANCE }));

  stacCollectionRoutes(app, ctx, baseOf);

  app.get<RouteGeneric<'GET /api/v1/stac/search'>>('/api/v1/stac/search', { config: { access: 'read' } }, async (request, reply): Promise<ResponseOf<'GET /api/v1/stac/search'>> => {
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
    return asStacItemCollection(collection, base);
  });

  app.post<RouteGeneric<'POST /api/v1/stac/search'>>('/api/v1/stac/search', { config: { access: 'read' } }, async (request, reply): Promise<ResponseOf<'POST /api/v1/stac/search'>> => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseSearchBody(fromStacParameters(body, false), { cursorSecret: ctx.cursorSecret });
    const result = await runSearch(ctx, parsed, request, reply);
    const base = baseOf(request);
    reply.type('application/geo+json; charset=utf-8');
    const collection = toItemCollection(result, selfOrigin(request), (cursor) => ({
      rel: 'next', href: `${base}/search`, type: 'application/geo+json', method: 'POST', body: { ...body, token: cursor }, merge: false,
    }));
    return asStacItemCollection(collection, base);
  });
}
