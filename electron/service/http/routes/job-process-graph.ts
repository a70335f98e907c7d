/**
 * GET /api/v1/jobs/{id}/process-graph: the openEO process graph (`{process_graph}`) of a processing
 * job (openeo/local/job-process-graph.ts). Posted to /api/v1/openeo/result or /jobs, it runs the
 * same job. 404 for an unknown job (or another key's) or one of a kind without a graph; 422 for a
 * job a graph cannot express.
 */
import type { FastifyInstance } from 'fastify';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { processGraphOfJob } from '../../openeo/local';
import type { ServiceContext } from '../../service-context';
import { abortOnClose } from '../abort-on-close';
import { jobViewer } from './job-submission';

export function jobProcessGraphRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<RouteGeneric<'GET /api/v1/jobs/{id}/process-graph'>>('/api/v1/jobs/:id/process-graph', { config: { access: 'process' } }, async (request, reply): Promise<ResponseOf<'GET /api/v1/jobs/{id}/process-graph'>> => {
    const job = ctx.jobs.get(request.params.id, jobViewer(request));
    const signal = abortOnClose(reply);
    return processGraphOfJob(job, (sceneId) => ctx.cache.assets.scene(sceneId, signal));
  });
}
