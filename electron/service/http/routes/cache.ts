/**
 * The offline cache over HTTP: `GET /api/v1/cache` (report, with the bytes of job results beside
 * it), `DELETE /api/v1/cache?scope=` (tiles | items | all), `POST /api/v1/cache/offline` (a
 * prefetch job, JobKind `offline`, owned by the key like any job) and the settings
 * `GET|PUT /api/v1/settings`: the runtime offline switch and result retention.
 */
import type { FastifyInstance } from 'fastify';
import type { CacheReport, CacheScope, ServiceSettings } from '../../cache/types';
import type { JobCreated } from '../../jobs/types';
import type { ServiceContext } from '../../service-context';
import { parseRetentionPatch } from '../../settings/retention-settings';
import { submitJob } from './job-submission';

function cacheReport(ctx: ServiceContext): CacheReport {
  return { ...ctx.cache.report(), results: ctx.jobs.resultUsage() };
}

function settings(ctx: ServiceContext): ServiceSettings {
  return { offline: ctx.cache.offline.enabled, ...ctx.retention.get() };
}

export function cacheRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/v1/cache', { config: { access: 'read' } }, async (): Promise<CacheReport> => cacheReport(ctx));

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
    return cacheReport(ctx);
  });

  app.post<{ Body: Record<string, unknown> }>('/api/v1/cache/offline', {
    config: { access: 'process' },
    schema: { body: { type: 'object', required: ['scene', 'bands'] } },
  }, async (request, reply): Promise<JobCreated> => submitJob(ctx, request, reply, 'offline', request.body));

  app.get('/api/v1/settings', { config: { access: 'read' } }, async (): Promise<ServiceSettings> => settings(ctx));

  app.put<{ Body: Partial<ServiceSettings> }>('/api/v1/settings', {
    config: { access: 'admin' },
    schema: {
      body: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        // The retention fields are checked by parseRetentionPatch: type coercion must not turn `false` into 0 bytes.
        properties: { offline: { type: 'boolean' }, results_max_age_days: {}, results_max_bytes: {} },
      },
    },
  }, async (request): Promise<ServiceSettings> => {
    const retention = parseRetentionPatch(request.body);
    if (request.body.offline !== undefined) ctx.cache.offline.set(request.body.offline);
    if (Object.keys(retention).length > 0) {
      ctx.retention.set(retention);
      await ctx.jobs.applyRetention();
    }
    return settings(ctx);
  });
}
