/**
 * Who may call a route, declared in the route's own definition:
 *
 *     app.get('/api/v1/sources', { config: { access: 'read' } }, handler)
 *
 * `access` is `'public'` (no key) or the scope a key needs (keys/key-scopes.ts). Authentication
 * and rate limiting read it from the route fastify MATCHED (`request.routeOptions.config`), never
 * from the request's URL text: the router decodes percent-escapes and accepts absolute-form
 * targets (`GET http://host/api/v1/keys`), so any check on the raw URL can disagree with the
 * handler that actually runs. The matched route's context is the same object whose handler will
 * run, so the decision cannot drift from it whatever the spelling.
 *
 * Deny by default: a route that declares nothing needs `admin`, and the service refuses to start
 * with such a route (checked at ready), so a new route must say who may call it.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { KeyScope } from '../keys/key-scopes';

export type RouteAccess = 'public' | KeyScope;

/**
 * Which API a route belongs to: the ASTRA v1 API (absent), or the local openEO back-end under
 * /api/v1/openeo/ — whose routes take openEO access tokens (`Bearer basic//<token>`) instead of
 * keys and answer errors in openEO's format (http/openeo-errors.ts).
 */
export type RouteFamily = 'openeo';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route: 'public', or the key scope it needs. */
    access?: RouteAccess;
    /** The API the route belongs to; absent = ASTRA v1. */
    family?: RouteFamily;
    /** openEO routes: not an openEO API endpoint, so not listed in the capabilities (discovery, signed downloads). */
    unlisted?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered so far with its access (collectRoutes); the OpenAPI document reads it. */
    registeredRoutes(): RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  family?: RouteFamily;
  unlisted?: boolean;
  /** The JSON schemas fastify validates the request with (checked against the API contract by a test). */
  schema?: { querystring?: unknown; body?: unknown };
}

/**
 * Routes added by plugins, which cannot carry our config: @fastify/cors's preflight route (its
 * handler only answers an empty 204 or the 404; the preflight itself is answered in the CORS hook,
 * before any key could be sent, as browsers send none on a preflight).
 */
const PLUGIN_ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = { 'OPTIONS *': 'public' };

/** The access of the route matched for this request; `not-found` when none matched (the JSON 404). */
export function accessOf(request: FastifyRequest): RouteAccess | 'not-found' {
  if (request.is404) return 'not-found';
  return request.routeOptions.config?.access ?? 'admin';
}

/** The API of the route matched for this request (undefined: ASTRA v1, or no route matched). */
export function familyOf(request: FastifyRequest): RouteFamily | undefined {
  return request.is404 ? undefined : request.routeOptions.config?.family;
}

function methodsOf(route: RouteOptions): string[] {
  return [route.method].flat().map(String);
}

/**
 * Records every route with its access (the list the security tests walk) and fails `ready` when a
 * route declares none. Install first, before any plugin adds routes.
 */
export function collectRoutes(app: FastifyInstance): () => RegisteredRoute[] {
  const seen: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    const pluginAccess = methodsOf(route).map((m) => PLUGIN_ROUTE_ACCESS[`${m} ${route.url}`]).find(Boolean);
    if (route.config?.access === undefined && pluginAccess) route.config = { ...route.config, access: pluginAccess };
    // Kept by reference: onRoute hooks of an inner scope (markRoutesPublic) run after this one.
    seen.push(route);
  });
  const list = () => seen.flatMap((route) => methodsOf(route).map((method) => ({
    method, url: route.url, access: route.config?.access,
    ...(route.config?.family ? { family: route.config.family } : {}), ...(route.config?.unlisted ? { unlisted: true } : {}),
    schema: { querystring: route.schema?.querystring, body: route.schema?.body },
  })));
  app.decorate('registeredRoutes', list);
  app.addHook('onReady', async () => {
    const undeclared = list().filter((route) => route.access === undefined);
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${route.method} ${route.url}`).join(', ');
      throw new Error(`routes without an access declaration (config.access: 'public' | 'read' | 'process' | 'admin'): ${names}`);
    }
  });
  return list;
}

/** Makes every route registered in this (encapsulated) scope public: for plugin routes such as static files. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
}
