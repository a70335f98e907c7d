import type { FastifyInstance } from 'fastify';
import type { ResponseOf } from '../../api/contract';
import type { ServiceContext } from '../../service-context';
import { ASTRA_VERSION } from '../../version';

export function healthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/v1/health', { config: { access: 'public' } }, async (): Promise<ResponseOf<'GET /api/v1/health'>> => ({
    status: 'ok',
    version: ASTRA_VERSION,
    offline: ctx.config.offline,
  }));
}
