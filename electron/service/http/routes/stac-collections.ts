/**
 * /api/v1/stac/collections: one STAC Collection per upstream collection a source searches, with
 * the source-scoped id (`sentinel-2:sentinel-2-l2a`, `planetary-computer:sentinel-2-l2a`) so that
 * Earth Search's and Planetary Computer's `sentinel-2-l2a` are two collections, each fetchable by
 * id, with its items at `/collections/{id}/items` (OGC API Features).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResponseOf, RouteGeneric, StacCollection } from '../../api/contract';
import { notFound } from '../../api/errors';
import { parseSearchQuery } from '../../search';
import type { ServiceContext } from '../../service-context';
import type { SourceAdapter } from '../../sources/types';
import type { SourceId } from '../../stac/types';
import { runSearch, selfOrigin, toItemCollection } from './search';
import { asStacItemCollection, collectionPath, fromStacParameters } from './stac-answer';

export interface StacCollectionEntry {
  /** `<source>:<upstream collection>`. */
  id: string;
  source: SourceId;
  upstream: string;
  title: string;
}

export function stacCollections(sources: readonly SourceAdapter[]): StacCollectionEntry[] {
  return sources.flatMap((adapter) => {
    const d = adapter.describe();
    return d.collections.map((upstream) => ({ id: `${d.id}:${upstream}`, source: d.id, upstream, title: `${upstream} (${d.title})` }));
  });
}

function collectionDoc(entry: StacCollectionEntry, base: string): StacCollection {
  const self = `${base}${collectionPath(entry.id)}`;
  return {
    type: 'Collection',
    stac_version: '1.0.0',
    stac_extensions: [],
    id: entry.id,
    title: entry.title,
    description: `Upstream collection ${entry.upstream}, searched through the ASTRA source "${entry.source}".`,
    license: 'various',
    extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[null, null]] } },
    links: [
      { rel: 'self', href: self, type: 'application/json' },
      { rel: 'root', href: base, type: 'application/json' },
      { rel: 'parent', href: base, type: 'application/json' },
      { rel: 'items', href: `${self}/items`, type: 'application/geo+json' },
    ],
  };
}

export function stacCollectionRoutes(app: FastifyInstance, ctx: ServiceContext, baseOf: (request: FastifyRequest) => string): void {
  const find = (id: string): StacCollectionEntry => {
    const entry = stacCollections(ctx.sources).find((c) => c.id === id);
    if (!entry) throw notFound(`no collection ${id}; the collections are listed at /api/v1/stac/collections`);
    return entry;
  };

  app.get('/api/v1/stac/collections', { config: { access: 'read' } }, async (request): Promise<ResponseOf<'GET /api/v1/stac/collections'>> => {
    const base = baseOf(request);
    return {
      collections: stacCollections(ctx.sources).map((c) => collectionDoc(c, base)),
      links: [{ rel: 'self', href: `${base}/collections`, type: 'application/json' }, { rel: 'root', href: base, type: 'application/json' }],
    };
  });

  app.get<RouteGeneric<'GET /api/v1/stac/collections/{id}'>>('/api/v1/stac/collections/:id', { config: { access: 'read' } }, async (request): Promise<ResponseOf<'GET /api/v1/stac/collections/{id}'>> => collectionDoc(find(request.params.id), baseOf(request)));

  app.get<RouteGeneric<'GET /api/v1/stac/collections/{id}/items'>>('/api/v1/stac/collections/:id/items', { config: { access: 'read' } }, async (request, reply): Promise<ResponseOf<'GET /api/v1/stac/collections/{id}/items'>> => {
    const entry = find(request.params.id);
    const parameters = fromStacParameters({ ...(request.query as Record<string, unknown>), collections: entry.id }, true);
    const parsed = parseSearchQuery({ bbox: '-180,-90,180,90', ...parameters }, { cursorSecret: ctx.cursorSecret });
    const result = await runSearch(ctx, parsed, request, reply);
    const base = baseOf(request);
    const url = new URL(request.url, selfOrigin(request));
    reply.type('application/geo+json; charset=utf-8');
    const page = toItemCollection(result, selfOrigin(request), (cursor) => {
      url.searchParams.set('token', cursor);
      return { rel: 'next', href: url.toString(), type: 'application/geo+json', method: 'GET' };
    });
    const answer = asStacItemCollection(page, base);
    return { ...answer, links: [...answer.links, { rel: 'collection', href: `${base}${collectionPath(entry.id)}`, type: 'application/json' }, { rel: 'root', href: base, type: 'application/json' }] };
  });
}
