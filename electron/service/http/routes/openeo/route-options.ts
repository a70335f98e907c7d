/**
 * What every route of the local openEO back-end shares: the route config (family `openeo`, so auth
 * takes openEO tokens and errors are openEO's — http/auth.ts, http/openeo-errors.ts), the paths
 * (the openEO API's, with its parameter names), and the viewer and origin of a request.
 */
import type { FastifyRequest } from 'fastify';
import { jobViewerOf, type JobViewer } from '../../../jobs/job-access';
import { OPENEO_ROOT } from '../../../openeo/local';
import type { RouteAccess } from '../../route-access';
import { selfOrigin } from '../search';

/** `config` of an openEO route; `unlisted` ones are not openEO API endpoints (capabilities, discovery, downloads). */
export function openEoConfig(access: RouteAccess, unlisted = false) {
  return { access, family: 'openeo' as const, ...(unlisted ? { unlisted: true } : {}) };
}

/** The route URL of an openEO API path: `/jobs/:job_id` → `/api/v1/openeo/jobs/:job_id`. */
export const at = (path: string): string => `${OPENEO_ROOT}${path}`;

export function viewerOf(request: FastifyRequest): JobViewer {
  return jobViewerOf(request.apiKey);
}

/** The key an authenticated openEO request acts for (auth has verified it). */
export function ownerOf(request: FastifyRequest): string {
  if (!request.apiKey) throw new Error('openEO route reached without a verified key');
  return request.apiKey.id;
}

export const origin = selfOrigin;

const nullableText = (maxLength: number) => ({ anyOf: [{ type: 'string', maxLength }, { type: 'null' }] });

/** Fields of job bodies: title and description; plan, budget and log_level are accepted and ignored (free, one log level). */
export const JOB_FIELDS = {
  title: nullableText(500),
  description: nullableText(20_000),
  process: { type: 'object' },
  plan: nullableText(100),
  budget: { anyOf: [{ type: 'number' }, { type: 'null' }] },
  log_level: { type: 'string', enum: ['debug', 'info', 'warning', 'error'] },
};

export const JOB_ID_PARAMS = {
  type: 'object',
  required: ['job_id'],
  properties: { job_id: { type: 'string', minLength: 1, maxLength: 100 } },
};
