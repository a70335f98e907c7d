/**
 * Batch jobs of the local openEO back-end (openeo/local/local-backend.ts): create (201,
 * `Location` + `OpenEO-Identifier`; the graph is translated and checked, nothing is queued),
 * list (newest first; `limit` with a `next` link), describe, update (title, description, process;
 * not while queued or running) and delete. Need a token with the `process` scope; a key sees its
 * own jobs (admin keys all), another key's job is JobNotFound.
 */
import type { FastifyInstance } from 'fastify';
import { OpenEoError } from '../../../openeo/graph';
import { jobMetadata, openEoJobUrl, openEoUrl, type JobPatch, type NewJobBody } from '../../../openeo/local';
import type { ServiceContext } from '../../../service-context';
import { at, JOB_FIELDS, JOB_ID_PARAMS, openEoConfig, origin, ownerOf, viewerOf } from './route-options';

const EDITABLE = new Set(['title', 'description', 'process', 'plan', 'budget', 'log_level']);

const LIST_QUERY = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000 } },
};

export function batchJobRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { batch } = ctx.openEoLocal;

  app.post<{ Body: NewJobBody }>(at('/jobs'), {
    config: openEoConfig('process'),
    schema: { body: { type: 'object', required: ['process'], properties: JOB_FIELDS } },
  }, async (request, reply) => {
    const record = await batch.create(ownerOf(request), request.body);
    reply.status(201).header('location', openEoJobUrl(origin(request), record.id)).header('openeo-identifier', record.id).send();
  });

  app.get<{ Querystring: { limit?: number; offset?: number } }>(at('/jobs'), { config: openEoConfig('process'), schema: { querystring: LIST_QUERY } }, async (request) => {
    const offset = request.query.offset ?? 0;
    const limit = request.query.limit ?? 100;
    const page = batch.list(viewerOf(request), limit + 1, offset);
    const base = origin(request);
    const links = page.length > limit ? [{ rel: 'next', href: openEoUrl(base, `/jobs?limit=${limit}&offset=${offset + limit}`), type: 'application/json' }] : [];
    return { jobs: page.slice(0, limit).map(({ record, run }) => jobMetadata(record, run, base, false)), links };
  });

  app.get<{ Params: { job_id: string } }>(at('/jobs/:job_id'), { config: openEoConfig('process'), schema: { params: JOB_ID_PARAMS } }, async (request) => {
    const { record, run } = batch.find(request.params.job_id, viewerOf(request));
    return jobMetadata(record, run, origin(request), true);
  });

  app.patch<{ Params: { job_id: string }; Body: JobPatch & Record<string, unknown> }>(at('/jobs/:job_id'), {
    config: openEoConfig('process'),
    schema: { params: JOB_ID_PARAMS, body: { type: 'object', properties: JOB_FIELDS } },
  }, async (request, reply) => {
    const body = request.body ?? {};
    if (Object.keys(body).length === 0) throw new OpenEoError('NoDataForUpdate', 'No data specified to be updated: send title, description or process.');
    const readOnly = Object.keys(body).find((name) => !EDITABLE.has(name));
    if (readOnly) throw new OpenEoError('PropertyNotEditable', `The specified property '${readOnly.slice(0, 100)}' is read-only; a job's title, description and process can be changed.`);
    const patch: JobPatch = {};
    for (const name of ['title', 'description', 'process'] as const) if (body[name] !== undefined) patch[name] = body[name] as never;
    await batch.update(request.params.job_id, viewerOf(request), patch);
    reply.status(204).send();
  });

  app.delete<{ Params: { job_id: string } }>(at('/jobs/:job_id'), { config: openEoConfig('process'), schema: { params: JOB_ID_PARAMS } }, async (request, reply) => {
    await batch.delete(request.params.job_id, viewerOf(request));
    reply.status(204).send();
  });
}
