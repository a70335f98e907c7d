/**
 * The public discovery of the local openEO back-end: capabilities (`GET /api/v1/openeo/`, with the
 * endpoints the service registered), `/.well-known/openeo` (under the API root, where openEO
 * clients look it up for the URL they are given), `/conformance`, `/file_formats`, and
 * `/credentials/basic`, which trades an ASTRA API key (the password; the user name is not used)
 * for an access token.
 */
import type { FastifyInstance } from 'fastify';
import { OpenEoError } from '../../../openeo/graph';
import { capabilities, conformance, fileFormats, parseBasicAuthorization, wellKnown, type Endpoint } from '../../../openeo/local';
import type { ServiceContext } from '../../../service-context';
import type { RegisteredRoute } from '../../route-access';
import { at, openEoConfig, origin } from './route-options';

/** The listed openEO routes as capabilities `endpoints`: paths below the root, `{param}`s, methods in order. */
export function endpointsOf(routes: readonly RegisteredRoute[]): Endpoint[] {
  const byPath = new Map<string, string[]>();
  for (const route of routes) {
    if (route.family !== 'openeo' || route.unlisted || route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    const path = route.url.slice(at('').length).replace(/:(\w+)/g, '{$1}');
    const methods = byPath.get(path) ?? [];
    if (!methods.includes(route.method)) methods.push(route.method);
    byPath.set(path, methods);
  }
  return [...byPath].map(([path, methods]) => ({ path, methods }));
}

export function discoveryRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  for (const url of [at(''), at('/')]) {
    app.get(url, { config: openEoConfig('public', true) }, async (request) => capabilities(origin(request), endpointsOf(request.server.registeredRoutes())));
  }
  app.get(at('/.well-known/openeo'), { config: openEoConfig('public', true) }, async (request) => wellKnown(origin(request)));
  app.get(at('/conformance'), { config: openEoConfig('public') }, async () => conformance());
  app.get(at('/file_formats'), { config: openEoConfig('public') }, async () => fileFormats());

  app.get(at('/credentials/basic'), { config: openEoConfig('public') }, async (request, reply) => {
    const credentials = parseBasicAuthorization(request.headers.authorization);
    if (!credentials) {
      reply.header('www-authenticate', 'Basic realm="astra-openeo"');
      throw new OpenEoError('AuthenticationRequired', 'Send HTTP Basic credentials: any user name, an ASTRA API key as the password.');
    }
    const key = ctx.keys.verify(credentials.password);
    if (!key) throw new OpenEoError('CredentialsInvalid', 'Credentials are not correct: the password must be a valid, unrevoked ASTRA API key.');
    const { token } = ctx.openEoLocal.tokens.issue(key.id);
    reply.header('cache-control', 'no-store');
    return { access_token: token };
  });
}
