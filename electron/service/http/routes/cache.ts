/**
 * The offline cache over HTTP: `GET /api/v1/cache` (report, with the bytes of job results beside
 * it), `DELETE /api/v1/cache?scope=` (tiles | items | all), `POST /api/v1/cache/offline` (a
 * prefetch job, JobKind `offline`, owned by the key like any job) and the settings
 * `GET|PUT /api/v1/settings`: the runtime offline switch, result retention and the remote openEO
 * back-ends (`openeo_backends`, without secrets; signing in: openeo-backends.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { CacheReport, ResponseOf, RouteGeneric, ServiceSettings } from '../../api/contract';
import type { ServiceContext } from '../../service-context';
import { parseRetentionPatch } from '../../settings/retention-settings';
import { submitJob } from './job-submission';

function cacheReport(ctx: ServiceContext): CacheReport {
  return { ...ctx.cache.report(), results: ctx.jobs.resultUsage() };
}

async function settings(ctx: ServiceContext): Promise<ServiceSettings> {
  return { offline: ctx.cache.offline.enabled, ...ctx.retention.get(), openeo_backends: await ctx.openEoRemotes.views() };
}

export function cacheRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/v1/cache', { config: { access: 'read' } }, async (): Promise<ResponseOf<'GET /api/v1/cache'>> => cacheReport(ctx));

  app.delete<RouteGeneric<'DELETE /api/v1/cache'>>('/api/v1/cache', {
    config: { access: 'admin' },
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { scope: { type: 'string', enum: ['tiles', 'items', 'all'] } },
      },
    },
  }, async (request): Promise<ResponseOf<'DELETE /api/v1/cache'>> => {
    ctx.cache.clear(request.query.scope ?? 'all');
    return cacheReport(ctx);
  });

  app.post<{ Body: Record<string, unknown> }>('/api/v1/cache/offline', {
    config: { access: 'process' },
    schema: { body: { type: 'object', required: ['scene', 'bands'] } },
  }, async (request, reply): Promise<ResponseOf<'POST /api/v1/cache/offline'>> => submitJob(ctx, request, reply, 'offline', request.body));

  app.get('/api/v1/settings', { config: { access: 'read' } }, async (): Promise<ResponseOf<'GET /api/v1/settings'>> => settings(ctx));

  app.put<RouteGeneric<'PUT /api/v1/settings'>>('/api/v1/settings', {
    config: { access: 'admin' },
    schema: {
      body: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        // The retention fields are checked by parseRetentionPatch (type coercion must not turn `false`
        // into 0 bytes), the back-ends by the settings' own validation (naming `openeo_backends[i].<field>`).
        properties: { offline: { type: 'boolean' }, results_max_age_days: {}, results_max_bytes: {}, openeo_backends: {} },
      },
    },
  }, async (request): Promise<ResponseOf<'PUT /api/v1/settings'>> => {
    const retention = parseRetentionPatch(request.body);
    // Validated as a whole before anything changes; a bad entry leaves every setting as it was.
    if (request.body.openeo_backends !== undefined) await ctx.openEoRemotes.replace(request.body.openeo_backends);
    if (request.body.offline !== undefined) ctx.cache.offline.set(request.body.offline);
    if (Object.keys(retention).length > 0) {
      ctx.retention.set(retention);
      await ctx.jobs.applyRetention();
    }
    return settings(ctx);
  });
}
