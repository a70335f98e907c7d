/**
 * The offline cache over HTTP: `GET /api/v1/cache` (report), `DELETE /api/v1/cache?scope=`
 * (tiles | items | all), `POST /api/v1/cache/offline` (a prefetch job, JobKind `offline`) and the
 * runtime offline switch `GET|PUT /api/v1/settings {"offline": boolean}`.
 */
import type { FastifyInstance } from 'fastify';
import type { CacheReport, CacheScope, ServiceSettings } from '../../cache/types';
import { jobHref } from '../../jobs/job-record';
import type { JobCreated } from '../../jobs/types';
import type { ServiceContext } from '../../service-context';

export function cacheRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/v1/cache', { config: { access: 'read' } }, async (): Promise<CacheReport> => ctx.cache.report());

  app.delete<{ Querystring: { scope?: CacheScope } }>('/api/v1/cache', {
    config: { access: 'admin' },
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { scope: { type: 'string', enum: ['tiles', 'items', 'all'] } },
      },
    },
  }, async (request): Promise<CacheReport> => {
    ctx.cache.clear(request.query.scope ?? 'all');
    return ctx.cache.report();
  });

  app.post<{ Body: Record<string, unknown> }>('/api/v1/cache/offline', {
    config: { access: 'process' },
    schema: { body: { type: 'object', required: ['scene', 'bands'] } },
  }, async (request, reply): Promise<JobCreated> => {
    const job = await ctx.jobs.submit('offline', request.body);
    reply.status(202).header('location', jobHref(job.id));
    return { id: job.id, status: 'queued', links: job.links };
  });

  app.get('/api/v1/settings', { config: { access: 'read' } }, async (): Promise<ServiceSettings> => ({ offline: ctx.cache.offline.enabled }));

  app.put<{ Body: ServiceSettings }>('/api/v1/settings', {
    config: { access: 'admin' },
    schema: {
      body: { type: 'object', additionalProperties: false, required: ['offline'], properties: { offline: { type: 'boolean' } } },
    },
  }, async (request): Promise<ServiceSettings> => {
    ctx.cache.offline.set(request.body.offline);
    return { offline: ctx.cache.offline.enabled };
  });
}
