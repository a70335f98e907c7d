/** Every route module of the v1 API, registered in this order by the server. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service-context';
import { healthRoutes } from './health';
import { keyRoutes } from './keys';

export type RouteModule = (app: FastifyInstance, ctx: ServiceContext) => void | Promise<void>;

export const ROUTE_MODULES: RouteModule[] = [healthRoutes, keyRoutes];
