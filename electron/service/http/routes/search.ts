/**
 * GET and POST /api/v1/search: the federated STAC ItemCollection of api.md (the contract's
 * `ItemCollection`, sent as JSON text assembled from each item's memoized JSON).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteGeneric } from '../../api/contract';
import { abortOnClose } from '../abort-on-close';
import { federatedSearch, parseSearchBody, parseSearchQuery, type FederatedSearchRequest } from '../../search';
import { itemJson } from '../../stac/item-json';
import type { ItemCollection, StacLink } from '../../stac/types';
import type { ServiceContext } from '../../service-context';

/** Absolute links to this service, as the client addressed it (Host is already guarded). */
export function selfOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host}`;
}

/**
 * Runs a federated search for one HTTP request. The items cache holds its writes until the
 * answer has been handed to the socket: a large answer is written in several chunks, and a
 * cache write between two of them would sit on the answer's critical path.
 */
export async function runSearch(ctx: ServiceContext, search: FederatedSearchRequest, request: FastifyRequest, reply: FastifyReply) {
  const release = ctx.cache.items.holdWrites();
  reply.raw.once('close', release);
  return federatedSearch(ctx.sources, search, {
    timeoutMs: ctx.config.upstreamTimeoutMs,
    countBudget: ctx.config.countBudget,
    fetch: ctx.upstreamFetch,
    signal: abortOnClose(reply),
    cursorSecret: ctx.cursorSecret,
    decodePage: ctx.searchPages.decode,
  });
}

type SearchResult = Awaited<ReturnType<typeof runSearch>>;

/** Turns a federated answer into the ItemCollection body, with absolute self/next links. */
export function toItemCollection(result: SearchResult, origin: string, nextLink: (cursor: string) => StacLink | null): ItemCollection {
  const features = result.features.map((item) => ({
    ...item,
    links: item.links.map((link) => (link.href.startsWith('/') ? { ...link, href: origin + link.href } : link)),
  }));
  return { type: 'FeatureCollection', features, context: result.context, links: collectionLinks(result, nextLink), warnings: result.warnings };
}

/**
 * The same ItemCollection as toItemCollection, as JSON text assembled from each item's memoized
 * JSON (stac/item-json.ts), which the items cache then stores without stringifying them again.
 */
export function itemCollectionJson(result: SearchResult, origin: string, nextLink: (cursor: string) => StacLink | null): string {
  const features = result.features.map((item) => itemJson(item, origin)).join(',');
  return `{"type":"FeatureCollection","features":[${features}],"context":${JSON.stringify(result.context)},`
    + `"links":${JSON.stringify(collectionLinks(result, nextLink))},"warnings":${JSON.stringify(result.warnings)}}`;
}

function collectionLinks(result: SearchResult, nextLink: (cursor: string) => StacLink | null): StacLink[] {
  const next = result.nextCursor ? nextLink(result.nextCursor) : null;
  return next ? [next] : [];
}

export function searchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<RouteGeneric<'GET /api/v1/search'>>('/api/v1/search', { config: { access: 'read' } }, async (request, reply) => {
    const parsed = parseSearchQuery(request.query as Record<string, unknown>, { cursorSecret: ctx.cursorSecret });
    const result = await runSearch(ctx, parsed, request, reply);
    const origin = selfOrigin(request);
    const url = new URL(request.url, origin);
    reply.type('application/geo+json; charset=utf-8');
    return itemCollectionJson(result, origin, (cursor) => {
      url.searchParams.set('cursor', cursor);
      return { rel: 'next', href: url.toString(), type: 'application/geo+json', method: 'GET' };
    });
  });

  app.post<RouteGeneric<'POST /api/v1/search'>>('/api/v1/search', { config: { access: 'read' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseSearchBody(body, { cursorSecret: ctx.cursorSecret });
    const result = await runSearch(ctx, parsed, request, reply);
    const origin = selfOrigin(request);
    reply.type('application/geo+json; charset=utf-8');
    return itemCollectionJson(result, origin, (cursor) => ({
      rel: 'next',
      href: `${origin}/api/v1/search`,
      type: 'application/geo+json',
      method: 'POST',
      body: { ...body, cursor },
      merge: false,
    }));
  });
}
