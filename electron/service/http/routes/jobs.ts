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
import { AppError, notFound } from '../../api/errors';
import { decideRange, etagMatches, fileEtag } from '../../jobs/byte-range';
import { isTerminal, RESULT_FILE_MEDIA_TYPE, RESULT_FILE_NAME } from '../../jobs/job-record';
import type { Job, JobCreated, JobList, JobListQuery, JobStatus } from '../../jobs/types';
import type { ServiceContext } from '../../service-context';
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
  }, async (request, reply): Promise<JobCreated> => submitJob(ctx, request, reply, request.body.type, request.body));

  app.get<{ Querystring: JobListQuery }>('/api/v1/jobs', {
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
  }, async (request): Promise<JobList> => ({ jobs: ctx.jobs.list(request.query, jobViewer(request)) }));

  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id', { config: { access: 'process' } }, async (request): Promise<Job> => ctx.jobs.get(request.params.id, jobViewer(request)));

  app.delete<{ Params: { id: string } }>('/api/v1/jobs/:id', { config: { access: 'process' } }, async (request, reply): Promise<Job | void> => {
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

  app.get<{ Params: { id: string } }>('/api/v1/jobs/:id/result.tif', { config: { access: 'process' } }, async (request, reply) => {
    const { id } = request.params;
    const job = ctx.jobs.get(id, jobViewer(request));
    if (job.status !== 'succeeded') throw notFound(`job ${id} has no result: it is ${job.status}`);
    const file = join(ctx.jobs.workDir(id), RESULT_FILE_NAME);
    const stats = await stat(file).catch(() => null);
    if (!stats?.isFile()) throw notFound(`job ${id} did not produce a result file`);

    const etag = fileEtag(stats.size, stats.mtimeMs);
    const ifRange = request.headers['if-range'];
    const range = ifRange !== undefined && ifRange !== etag ? { kind: 'whole' as const } : decideRange(request.headers.range, stats.size);
    if (range.kind === 'unsatisfiable') {
      reply.header('content-range', `bytes */${stats.size}`);
      throw new AppError('range_not_satisfiable', `range: ${request.headers.range} is outside the ${stats.size}-byte file`, { parameter: 'range' });
    }
    reply
      .header('accept-ranges', 'bytes')
      .header('etag', etag)
      .header('last-modified', stats.mtime.toUTCString())
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', `inline; filename="${id}.tif"`);
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();

    reply.type(RESULT_FILE_MEDIA_TYPE);
    if (range.kind === 'partial') {
      reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${stats.size}`)
        .header('content-length', range.end - range.start + 1);
      return reply.send(createReadStream(file, { start: range.start, end: range.end }));
    }
    reply.header('content-length', stats.size);
    return reply.send(createReadStream(file));
  });
}
