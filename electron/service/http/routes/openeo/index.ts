/**
 * The local openEO back-end's routes under /api/v1/openeo/ (openEO API 1.2; the domain is
 * openeo/local/). A family of their own beside the ASTRA v1 API: documented by the openEO
 * specification and the capabilities' `endpoints` rather than the ASTRA contract table, with
 * openEO tokens and openEO errors (route config `family: 'openeo'`).
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../../service-context';
import { dataRoutes } from './data';
import { discoveryRoutes } from './discovery';
import { batchJobRoutes } from './jobs';
import { jobResultRoutes } from './results';
import { syncResultRoutes } from './sync';

export function openEoRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  discoveryRoutes(app, ctx);
  dataRoutes(app);
  syncResultRoutes(app, ctx);
  batchJobRoutes(app, ctx);
  jobResultRoutes(app, ctx);
}
