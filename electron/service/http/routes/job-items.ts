/**
 * GET /api/v1/jobs/{id}/item: the STAC Item describing a succeeded processing job's result —
 * asset `result` (the COG; a time series' JSON and CSV), grid, bands, statistics and the full
 * recipe (processing/provenance/, processing/area/provenance/); for a job that ran on a remote
 * openEO back-end, where and as which remote job (openeo/offload/).
 * 404 for an unknown job (or another key's), a job of another kind, or one that has not succeeded (yet).
 */
import type { FastifyInstance } from 'fastify';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { notFound } from '../../api/errors';
import { isOffloadParams, readRemoteRun, remoteJobItem } from '../../openeo/offload';
import { areaItem, isAreaParams, isProcessingParams, processingItem, type ProcessingParams } from '../../processing';
import type { ServiceContext } from '../../service-context';
import { jobViewer } from './job-submission';

export function jobItemRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<RouteGeneric<'GET /api/v1/jobs/{id}/item'>>('/api/v1/jobs/:id/item', { config: { access: 'process' } }, async (request, reply): Promise<ResponseOf<'GET /api/v1/jobs/{id}/item'>> => {
    const job = ctx.jobs.get(request.params.id, jobViewer(request));
    const origin = `${request.protocol}://${request.headers.host}`;
    if (job.remote && isOffloadParams(job.params)) {
      if (job.status !== 'succeeded') throw notFound(`job ${job.id} has no result item: it is ${job.status}`);
      reply.type('application/geo+json; charset=utf-8');
      return remoteJobItem(job, job.params, await readRemoteRun(ctx.jobs.workDir(job.id)), origin);
    }
    if (!isAreaParams(job.params) && !isProcessingParams(job.params)) throw notFound(`job ${job.id} is a ${job.type} job; only processing jobs (ndvi, index, change, composite, timeseries) have a STAC item`);
    if (job.status !== 'succeeded') throw notFound(`job ${job.id} has no result item: it is ${job.status}`);
    reply.type('application/geo+json; charset=utf-8');
    if (isAreaParams(job.params)) return areaItem(job, job.params, origin);
    return processingItem(job, job.params as ProcessingParams, origin);
  });
}
