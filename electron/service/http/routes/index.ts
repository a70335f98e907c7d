/** Every route module of the v1 API, registered in this order by the server. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service-context';
import { assetRoutes } from './assets';
import { cacheRoutes } from './cache';
import { healthRoutes } from './health';
import { jobAreaRoutes } from './job-area';
import { jobRoutes } from './jobs';
import { crsRoutes } from './crs';
import { jobItemRoutes } from './job-items';
import { jobProcessGraphRoutes } from './job-process-graph';
import { keyRoutes } from './keys';
import { openApiRoutes } from './openapi';
import { openEoRoutes } from './openeo';
import { openEoBackendRoutes } from './openeo-backends';
import { sceneRoutes } from './scenes';
import { searchRoutes } from './search';
import { sourceRoutes } from './sources';
import { stacApiRoutes } from './stac-api';

export type RouteModule = (app: FastifyInstance, ctx: ServiceContext) => void | Promise<void>;

export const ROUTE_MODULES: RouteModule[] = [healthRoutes, keyRoutes, sourceRoutes, crsRoutes, searchRoutes, sceneRoutes, stacApiRoutes, openApiRoutes, jobRoutes, jobAreaRoutes, assetRoutes, cacheRoutes, openEoBackendRoutes, jobItemRoutes, jobProcessGraphRoutes, openEoRoutes];
