/**
 * What the routes that create jobs (POST /api/v1/jobs, POST /api/v1/cache/offline) share: the job
 * is owned by the requesting key, and a full queue answers with Retry-After. Also the viewer a
 * request reads jobs as.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jobViewerOf, type JobViewer } from '../../jobs/job-access';
import { QueueFullError } from '../../jobs/job-admission';
import { jobHref } from '../../jobs/job-record';
import type { JobCreated } from '../../api/contract';
import type { ServiceContext } from '../../service-context';

export async function submitJob(ctx: ServiceContext, request: FastifyRequest, reply: FastifyReply, type: unknown, body: Record<string, unknown>): Promise<JobCreated> {
  try {
    const job = await ctx.jobs.submit(type, body, request.apiKey?.id ?? null);
    reply.status(202).header('location', jobHref(job.id));
    return { id: job.id, status: 'queued', links: job.links };
  } catch (error) {
    if (error instanceof QueueFullError) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

export function jobViewer(request: FastifyRequest): JobViewer {
  return jobViewerOf(request.apiKey);
}
