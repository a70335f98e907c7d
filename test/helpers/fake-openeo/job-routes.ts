/**
 * Batch job management of the fake back-end: `/jobs` create/list, `/jobs/{id}` describe, update,
 * delete, `/jobs/{id}/logs` and `/jobs/{id}/estimate`. A job belongs to the user who created it;
 * other users get JobNotFound, as on a real back-end.
 */
import type { Exchange } from './openeo-http';
import { sendEmpty, sendError, sendJson } from './openeo-http';
import { apiUrl, type FakeContext, type Route, type RouteHandler } from './fake-context';
import { checkSubmittedProcess } from './graph-check';
import type { FakeJob, LogLevel } from './job-store';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warning', 'error'];
const EDITABLE = ['title', 'description', 'process', 'plan', 'budget', 'log_level'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function metadata(job: FakeJob, context: FakeContext): Record<string, unknown> {
  return {
    id: job.id, title: job.title, description: job.description, status: job.status,
    ...(job.progress === undefined ? {} : { progress: job.progress }),
    created: job.created, updated: job.updated,
    ...(job.plan === null ? {} : { plan: job.plan }), ...(job.budget === null ? {} : { budget: job.budget }),
    links: [{ rel: 'self', href: `${apiUrl(context)}/jobs/${job.id}`, type: 'application/json' }],
  };
}

/** The user's job, or an answered JobNotFound. */
export function ownJob(exchange: Exchange, context: FakeContext, id: string, user: string): FakeJob | undefined {
  const job = context.jobs.find(id);
  if (job && job.owner === user) return job;
  sendError(exchange, context.contract, 'JobNotFound', { identifier: id });
  return undefined;
}

/** A submitted `{process: …}` the back-end can run, or an answered openEO error. */
export function acceptedProcess(exchange: Exchange, context: FakeContext): Record<string, unknown> | undefined {
  const body = exchange.body;
  if (!isObject(body) || !isObject(body.process)) {
    sendError(exchange, context.contract, 'ProcessGraphMissing');
    return undefined;
  }
  const problem = checkSubmittedProcess(body.process, context.processes.ids(), context.collections);
  if (!problem) return body.process;
  sendError(exchange, context.contract, problem.code, problem.variables);
  return undefined;
}

const createJob: RouteHandler = (exchange, context, _params, user) => {
  const process = acceptedProcess(exchange, context);
  if (!process) return;
  const body = exchange.body as Record<string, unknown>;
  const job = context.jobs.create(user, { ...body, process });
  const location = `${apiUrl(context)}/jobs/${job.id}`;
  sendEmpty(exchange, context.contract, 201, { location, 'openeo-identifier': job.id });
};

const updateJob: RouteHandler = (exchange, context, params, user) => {
  const job = ownJob(exchange, context, params.job_id, user);
  if (!job) return;
  const body = exchange.body;
  if (!isObject(body) || Object.keys(body).length === 0) return sendError(exchange, context.contract, 'NoDataForUpdate');
  const readOnly = Object.keys(body).find((key) => !EDITABLE.includes(key));
  if (readOnly) return sendError(exchange, context.contract, 'PropertyNotEditable', { property: readOnly });
  if (job.status === 'queued' || job.status === 'running') return sendError(exchange, context.contract, 'JobLocked');
  if (body.process !== undefined && !acceptedProcess(exchange, context)) return;
  if (typeof body.title === 'string' || body.title === null) job.title = body.title;
  if (typeof body.description === 'string' || body.description === null) job.description = body.description;
  if (isObject(body.process)) job.process = body.process;
  job.updated = new Date().toISOString();
  sendEmpty(exchange, context.contract, 204);
};

const jobLogs: RouteHandler = (exchange, context, params, user) => {
  const job = ownJob(exchange, context, params.job_id, user);
  if (!job) return;
  const offset = exchange.query.get('offset') ?? '';
  const limit = Number(exchange.query.get('limit') ?? 'Infinity');
  const asked = exchange.query.get('level') as LogLevel;
  const level = LEVELS.includes(asked) ? asked : 'debug';
  const after = offset === '' ? 0 : job.logs.findIndex((entry) => entry.id === offset) + 1;
  const wanted = job.logs.slice(after).filter((entry) => LEVELS.indexOf(entry.level) >= LEVELS.indexOf(level));
  const page = Number.isFinite(limit) && limit > 0 ? wanted.slice(0, limit) : wanted;
  const links = page.length < wanted.length
    ? [{ rel: 'next', href: `${apiUrl(context)}/jobs/${job.id}/logs?offset=${page[page.length - 1].id}&limit=${limit}&level=${level}` }]
    : [];
  sendJson(exchange, context.contract, 200, { level, logs: page, links });
};

export const jobRoutes = (): Route[] => [
  {
    method: 'GET', template: '/jobs', auth: true,
    handler: (exchange, context, _params, user) => sendJson(exchange, context.contract, 200, {
      jobs: context.jobs.all().filter((job) => job.owner === user).map((job) => metadata(job, context)),
      links: [],
    }),
  },
  { method: 'POST', template: '/jobs', auth: true, handler: createJob },
  {
    method: 'GET', template: '/jobs/{job_id}', auth: true,
    handler: (exchange, context, params, user) => {
      const job = ownJob(exchange, context, params.job_id, user);
      if (job) sendJson(exchange, context.contract, 200, { ...metadata(job, context), process: job.process });
    },
  },
  { method: 'PATCH', template: '/jobs/{job_id}', auth: true, handler: updateJob },
  {
    method: 'DELETE', template: '/jobs/{job_id}', auth: true,
    handler: (exchange, context, params, user) => {
      const job = ownJob(exchange, context, params.job_id, user);
      if (!job) return;
      context.jobs.cancel(job);
      context.jobs.delete(job.id);
      sendEmpty(exchange, context.contract, 204);
    },
  },
  { method: 'GET', template: '/jobs/{job_id}/logs', auth: true, handler: jobLogs },
  {
    method: 'GET', template: '/jobs/{job_id}/estimate', auth: true,
    handler: (exchange, context, params, user) => {
      const job = ownJob(exchange, context, params.job_id, user);
      if (!job) return;
      if (!context.estimate) return sendError(exchange, context.contract, 'FeatureUnsupported');
      sendJson(exchange, context.contract, 200, context.estimate);
    },
  },
];
