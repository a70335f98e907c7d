/** GET /api/v1/sources: each source with satellites, resolutions, collections, bands, reachability. */
import type { FastifyInstance } from 'fastify';
import type { ResponseOf } from '../../api/contract';
import type { ServiceContext } from '../../service-context';

export function sourceRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/v1/sources', { config: { access: 'read' } }, async (): Promise<ResponseOf<'GET /api/v1/sources'>> => ({
    sources: ctx.sources.map((adapter) => ({ ...adapter.describe(), ...ctx.sourceStatus.get(adapter.id) })),
  }));
}
