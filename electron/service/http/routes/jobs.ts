/**
 * /api/v1/jobs: submit (202 + Location), read, list newest first, cancel or delete, and the result
 * file of a succeeded job (`<workDir>/result.tif`, with Range, ETag and conditional requests). The
 * body of a POST is checked here only for `type`; the job kind validates the rest and the queue
 * admits it (jobs/queue.ts). A key reads and acts on its own jobs only, unless it is admin.
 */
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { notFound } from '../../api/errors';
import { isTerminal, RESULT_FILE_MEDIA_TYPE, RESULT_FILE_NAME } from '../../jobs/job-record';
import type { JobStatus, ResponseOf, RouteGeneric } from '../../api/contract';
import type { ServiceContext } from '../../service-context';
import { fileEtag } from '../byte-range';
import { answerConditionalRange } from '../conditional-range';
import { jobViewer, submitJob } from './job-submission';

const STATUSES: JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export function jobRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<{ Body: Record<string, unknown> & { type: string } }>('/api/v1/jobs', {
    config: { access: 'process' },
    schema: {
      body: {
        type: 'object',
        required: ['type'],
        properties: { type: { type: 'string', minLength: 1, maxLength: 64 } },
      },
    },
  }, async (request, reply): Promise<ResponseOf<'POST /api/v1/jobs'>> => submitJob(ctx, request, reply, request.body.type, request.body));

  app.get<RouteGeneric<'GET /api/v1/jobs'>>('/api/v1/jobs', {
    config: { access: 'process' },
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { type: 'string', enum: STATUSES },
          limit: { type: 'integer', minimum: 1, maximum: 500 },
        },
      },
    },
  }, async (request): Promise<ResponseOf<'GET /api/v1/jobs'>> => ({ jobs: ctx.jobs.list(request.query, jobViewer(request)) }));

  app.get<RouteGeneric<'GET /api/v1/jobs/{id}'>>('/api/v1/jobs/:id', { config: { access: 'process' } }, async (request): Promise<ResponseOf<'GET /api/v1/jobs/{id}'>> => ctx.jobs.get(request.params.id, jobViewer(request)));

  app.delete<RouteGeneric<'DELETE /api/v1/jobs/{id}'>>('/api/v1/jobs/:id', { config: { access: 'process' } }, async (request, reply): Promise<ResponseOf<'DELETE /api/v1/jobs/{id}'>> => {
    const job = await ctx.jobs.cancelOrRemove(request.params.id, jobViewer(request));
    if (job === null) {
      // A finished job was removed with its files.
      reply.status(204).send();
      return;
    }
    // 200: cancelled; 202: a running job was told to stop and has not ended yet.
    reply.status(isTerminal(job.status) ? 200 : 202);
    return job;
  });

  app.get<RouteGeneric<'GET /api/v1/jobs/{id}/result.tif'>>('/api/v1/jobs/:id/result.tif', { config: { access: 'process' } }, async (request, reply) => {
    const { id } = request.params;
    const job = ctx.jobs.get(id, jobViewer(request));
    if (job.status !== 'succeeded') throw notFound(`job ${id} has no result: it is ${job.status}`);
    const file = join(ctx.jobs.workDir(id), RESULT_FILE_NAME);
    const stats = await stat(file).catch(() => null);
    if (!stats?.isFile()) throw notFound(`job ${id} did not produce a result file`);

    reply
      .header('last-modified', stats.mtime.toUTCString())
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', `inline; filename="${id}.tif"`);
    const answer = answerConditionalRange(request, reply, { size: stats.size, etag: fileEtag(stats.size, stats.mtimeMs), what: 'the result file' });
    if (answer.kind === 'not-modified') return reply.send();
    reply.type(RESULT_FILE_MEDIA_TYPE);
    if (answer.end < answer.start) return reply.send();
    return reply.send(createReadStream(file, { start: answer.start, end: answer.end }));
  });
}
