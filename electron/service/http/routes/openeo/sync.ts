/**
 * `POST /api/v1/openeo/result`: a process run synchronously on the job queue and its result
 * streamed back (openeo/local/sync-result.ts): a COG for rasters, JSON or CSV for time series.
 * Small requests only; larger ones are refused with ProcessGraphComplexity pointing to batch jobs.
 */
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { runSync } from '../../../openeo/local';
import type { ServiceContext } from '../../../service-context';
import { abortOnClose } from '../../abort-on-close';
import { at, JOB_FIELDS, openEoConfig, ownerOf } from './route-options';

export function syncResultRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<{ Body: { process: unknown } }>(at('/result'), {
    config: openEoConfig('process'),
    schema: { body: { type: 'object', required: ['process'], properties: JOB_FIELDS } },
  }, async (request, reply) => {
    const result = await runSync(ctx.openEoLocal.sync, request.body.process, ownerOf(request), abortOnClose(reply));
    if (reply.raw.closed) void result.remove();
    else reply.raw.once('close', () => void result.remove());
    reply.type(result.type).header('content-length', String(result.size)).header('cache-control', 'no-store');
    return reply.send(createReadStream(result.path));
  });
}
