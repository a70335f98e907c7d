/**
 * Processing of a batch job and its results: `POST /jobs/{job_id}/results` (start: queue the
 * ASTRA job; 202), `GET` (a STAC Item whose assets are signed, expiring links; 424 with the last
 * log entry when the run failed), `DELETE` (cancel; 204), `GET /jobs/{job_id}/logs`, and the
 * signed downloads `GET /downloads/{job_id}/{file}?run=&expires=&sig=` — public, because openEO
 * clients fetch assets without a token: the link is the permission (openeo/local/result-links.ts);
 * Range and conditional requests are honoured as for ASTRA results.
 */
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { OpenEoError } from '../../../openeo/graph';
import { LOG_LEVELS, openEoUrl, type LogLevel } from '../../../openeo/local';
import type { ServiceContext } from '../../../service-context';
import { fileEtag } from '../../byte-range';
import { answerConditionalRange } from '../../conditional-range';
import { at, JOB_ID_PARAMS, openEoConfig, origin, viewerOf } from './route-options';

interface JobParams { job_id: string }

const LOG_QUERY = {
  type: 'object',
  properties: {
    offset: { type: 'string', maxLength: 200 },
    level: { type: 'string', enum: [...LOG_LEVELS] },
    limit: { type: 'integer', minimum: 1, maximum: 10_000 },
  },
};

const DOWNLOAD_SCHEMA = {
  params: {
    type: 'object',
    required: ['job_id', 'file'],
    properties: { job_id: { type: 'string', minLength: 1, maxLength: 100 }, file: { type: 'string', pattern: '^[\\w.-]{1,100}$' } },
  },
  querystring: {
    type: 'object',
    properties: { run: { type: 'string', maxLength: 100 }, expires: { type: 'string', pattern: '^\\d{1,12}$' }, sig: { type: 'string', maxLength: 100 } },
  },
};

export function jobResultRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { batch, results } = ctx.openEoLocal;

  app.post<{ Params: JobParams }>(at('/jobs/:job_id/results'), { config: openEoConfig('process'), schema: { params: JOB_ID_PARAMS } }, async (request, reply) => {
    await batch.start(request.params.job_id, viewerOf(request));
    reply.status(202).send();
  });

  app.get<{ Params: JobParams; Querystring: { partial?: boolean } }>(at('/jobs/:job_id/results'), {
    config: openEoConfig('process'),
    schema: { params: JOB_ID_PARAMS, querystring: { type: 'object', properties: { partial: { type: 'boolean' } } } },
  }, async (request, reply) => {
    const answer = results.results(request.params.job_id, viewerOf(request), origin(request), request.query.partial === true);
    if (answer.kind === 'failed') return reply.status(424).send(answer.entry);
    return answer.item;
  });

  app.delete<{ Params: JobParams }>(at('/jobs/:job_id/results'), { config: openEoConfig('process'), schema: { params: JOB_ID_PARAMS } }, async (request, reply) => {
    await batch.cancel(request.params.job_id, viewerOf(request));
    reply.status(204).send();
  });

  app.get<{ Params: JobParams; Querystring: { offset?: string; level?: LogLevel; limit?: number } }>(at('/jobs/:job_id/logs'), {
    config: openEoConfig('process'),
    schema: { params: JOB_ID_PARAMS, querystring: LOG_QUERY },
  }, async (request) => {
    const { job_id: id } = request.params;
    const level = request.query.level ?? 'debug';
    const page = results.logs(id, viewerOf(request), origin(request), { offset: request.query.offset, level, limit: request.query.limit });
    const last = page.logs[page.logs.length - 1];
    const next = page.more && last
      ? [{ rel: 'next', href: openEoUrl(origin(request), `/jobs/${id}/logs?${new URLSearchParams({ offset: last.id, level, limit: String(request.query.limit) })}`), type: 'application/json' }]
      : [];
    return { level, logs: page.logs, links: next };
  });

  app.get<{ Params: JobParams & { file: string }; Querystring: Record<string, string> }>(at('/downloads/:job_id/:file'), {
    config: openEoConfig('public', true),
    schema: DOWNLOAD_SCHEMA,
  }, async (request, reply) => {
    const download = results.download(request.params.job_id, request.params.file, request.query);
    const stats = await stat(download.path).catch(() => null);
    if (!stats?.isFile()) throw new OpenEoError('ResultLinkExpired', 'The result file is gone. Please request the results again.');
    reply
      .header('last-modified', stats.mtime.toUTCString())
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', `inline; filename="${download.name}"`);
    const answer = answerConditionalRange(request, reply, { size: stats.size, etag: fileEtag(stats.size, stats.mtimeMs), what: 'the result file' });
    if (answer.kind === 'not-modified') return reply.send();
    reply.type(download.type);
    if (answer.end < answer.start) return reply.send();
    return reply.send(createReadStream(download.path, { start: answer.start, end: answer.end }));
  });
}
