/**
 * The routes area jobs add to /api/v1/jobs (api.md "Area jobs"): POST /api/v1/jobs/preview — any
 * job body validated exactly as POST /api/v1/jobs does (same 400/404/422), answered with the scenes,
 * observations and grid it would use, nothing queued — and a time series' result files,
 * GET /api/v1/jobs/{id}/result.json and result.csv (the key's own jobs only, like result.tif).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResponseOf, RouteGeneric } from '../../api/contract';
import { notFound } from '../../api/errors';
import { SERIES_CSV_FILE, SERIES_JSON_FILE } from '../../processing';
import type { ServiceContext } from '../../service-context';
import { etagMatches, fileEtag } from '../byte-range';
import { answerConditionalRange } from '../conditional-range';
import { jobViewer } from './job-submission';

type JobRequest = FastifyRequest<{ Params: { id: string } }>;

/** The file `name` of a succeeded job the requesting key may see, with its headers set. */
async function resultFile(ctx: ServiceContext, request: JobRequest, reply: FastifyReply, name: string) {
  const { id } = request.params;
  const job = ctx.jobs.get(id, jobViewer(request));
  if (job.status !== 'succeeded') throw notFound(`job ${id} has no result: it is ${job.status}`);
  const file = join(ctx.jobs.workDir(id), name);
  const stats = await stat(file).catch(() => null);
  if (!stats?.isFile()) throw notFound(`job ${id} has no ${name}: only time-series jobs do`);
  reply.header('last-modified', stats.mtime.toUTCString()).header('cache-control', 'private, no-cache')
    .header('content-disposition', `inline; filename="${id}.${name.split('.').pop()}"`);
  return { file, size: stats.size, etag: fileEtag(stats.size, stats.mtimeMs) };
}

/** The JSON result whole (ETag; 304 for If-None-Match). */
async function sendJson(ctx: ServiceContext, request: JobRequest, reply: FastifyReply) {
  const { file, etag } = await resultFile(ctx, request, reply, SERIES_JSON_FILE);
  reply.header('etag', etag);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(createReadStream(file));
}

/** The CSV result, Range honoured. */
async function sendCsv(ctx: ServiceContext, request: JobRequest, reply: FastifyReply) {
  const { file, size, etag } = await resultFile(ctx, request, reply, SERIES_CSV_FILE);
  const answer = answerConditionalRange(request, reply, { size, etag, what: `the CSV of job ${request.params.id}` });
  if (answer.kind === 'not-modified') return reply.send();
  reply.type('text/csv; charset=utf-8');
  if (answer.end < answer.start) return reply.send();
  return reply.send(createReadStream(file, { start: answer.start, end: answer.end }));
}

export function jobAreaRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<{ Body: Record<string, unknown> & { type: string } }>('/api/v1/jobs/preview', {
    config: { access: 'process' },
    schema: { body: { type: 'object', required: ['type'], properties: { type: { type: 'string', minLength: 1, maxLength: 64 } } } },
  }, async (request): Promise<ResponseOf<'POST /api/v1/jobs/preview'>> => ctx.jobs.preview(request.body.type, request.body));

  app.get<RouteGeneric<'GET /api/v1/jobs/{id}/result.json'>>('/api/v1/jobs/:id/result.json', { config: { access: 'process' } },
    (request, reply) => sendJson(ctx, request, reply));

  app.get<RouteGeneric<'GET /api/v1/jobs/{id}/result.csv'>>('/api/v1/jobs/:id/result.csv', { config: { access: 'process' } },
    (request, reply) => sendCsv(ctx, request, reply));
}
