/** GET /api/v1/scenes/{id}: the full normalized Item, from the upstream (or the cache below it). */
import type { FastifyInstance } from 'fastify';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { notFound } from '../../api/errors';
import { getSceneFromSources } from '../../search';
import type { ServiceContext } from '../../service-context';
import { abortOnClose } from '../abort-on-close';
import { selfOrigin } from './search';

export function sceneRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<RouteGeneric<'GET /api/v1/scenes/{id}'>>('/api/v1/scenes/:id', { config: { access: 'read' } }, async (request, reply): Promise<ResponseOf<'GET /api/v1/scenes/{id}'>> => {
    const item = await getSceneFromSources(ctx.sources, request.params.id, {
      timeoutMs: ctx.config.upstreamTimeoutMs,
      fetch: ctx.upstreamFetch,
      signal: abortOnClose(reply),
    });
    if (!item) throw notFound(`no scene ${request.params.id}`);
    const origin = selfOrigin(request);
    reply.type('application/geo+json; charset=utf-8');
    return { ...item, links: item.links.map((l) => (l.href.startsWith('/') ? { ...l, href: origin + l.href } : l)) };
  });
}
