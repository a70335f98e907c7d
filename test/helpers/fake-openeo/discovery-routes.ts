/**
 * The public part of the fake back-end: capabilities, conformance, file formats, collections,
 * processes, the two ways to sign in (`/credentials/basic`, `/credentials/oidc`), and `/me`.
 * `/.well-known/openeo` lives outside the versioned API (index.ts).
 */
import { basicCredentials } from './access-tokens';
import { collectionDocument, collectionSummary } from './collections';
import { apiUrl, type FakeContext, type Route } from './fake-context';
import { sendError, sendJson } from './openeo-http';

export const API_VERSION = '1.2.0';

/** `GET /.well-known/openeo`: one production 1.2 API (and an older 1.1 one clients must skip). */
export function wellKnownDocument(context: FakeContext): unknown {
  return {
    versions: [
      { url: `${context.origin}/openeo/1.1`, api_version: '1.1.0', production: false },
      { url: `${apiUrl(context)}/`, api_version: API_VERSION, production: true },
    ],
  };
}

/** The `endpoints` member of the capabilities: exactly the routes this fake serves. */
function endpoints(routes: readonly Route[]): Array<{ path: string; methods: string[] }> {
  const byPath = new Map<string, string[]>();
  for (const route of routes) byPath.set(route.template, [...(byPath.get(route.template) ?? []), route.method]);
  return [...byPath].map(([path, methods]) => ({ path, methods }));
}

const GTIFF = {
  title: 'GeoTIFF', gis_data_types: ['raster'],
  parameters: { tile_grid: { type: ['string', 'null'], description: 'Split the output into tiles.', default: null } },
};

export const discoveryRoutes = (routes: () => readonly Route[]): Route[] => [
  {
    method: 'GET', template: '/', auth: false,
    handler: (exchange, context) => sendJson(exchange, context.contract, 200, {
      api_version: API_VERSION, backend_version: '0.0.0-fake', stac_version: '1.0.0', type: 'Catalog', id: 'fake-openeo',
      title: 'Fake openEO back-end', description: 'A remote openEO back-end for ASTRA tests.', production: false,
      endpoints: endpoints(routes()),
      links: [
        { rel: 'self', href: `${apiUrl(context)}/`, type: 'application/json' },
        { rel: 'conformance', href: `${apiUrl(context)}/conformance`, type: 'application/json' },
        { rel: 'data', href: `${apiUrl(context)}/collections`, type: 'application/json' },
        { rel: 'version-history', href: `${context.origin}/.well-known/openeo`, type: 'application/json' },
      ],
    }),
  },
  {
    method: 'GET', template: '/conformance', auth: false,
    handler: (exchange, context) => sendJson(exchange, context.contract, 200, {
      conformsTo: ['https://api.openeo.org/1.2.0', 'https://api.stacspec.org/v1.0.0/collections'],
    }),
  },
  {
    method: 'GET', template: '/file_formats', auth: false,
    handler: (exchange, context) => sendJson(exchange, context.contract, 200, {
      input: {},
      output: { GTiff: GTIFF, JSON: { title: 'JSON', gis_data_types: ['table', 'vector'], parameters: {} } },
    }),
  },
  {
    method: 'GET', template: '/collections', auth: false,
    handler: (exchange, context) => sendJson(exchange, context.contract, 200, {
      collections: context.collections.map((collection) => collectionSummary(collection, apiUrl(context))),
      links: [{ rel: 'self', href: `${apiUrl(context)}/collections` }],
    }),
  },
  {
    method: 'GET', template: '/collections/{collection_id}', auth: false,
    handler: (exchange, context, params) => {
      const collection = context.collections.find((candidate) => candidate.id === params.collection_id);
      if (!collection) return sendError(exchange, context.contract, 'CollectionNotFound', { identifier: params.collection_id });
      sendJson(exchange, context.contract, 200, collectionDocument(collection, apiUrl(context)));
    },
  },
  {
    // Every process on one page, whatever `limit` says: @openeo/js-client's listProcesses() sends
    // limit=50 and reads only the first page. With `processPageSize`, pages linked by rel=next.
    method: 'GET', template: '/processes', auth: false,
    handler: (exchange, context) => {
      const all = context.processes.list();
      const size = context.processPageSize ?? all.length;
      const start = Math.max(0, Number(exchange.query.get('offset') ?? 0) || 0);
      const links: object[] = [{ rel: 'self', href: `${apiUrl(context)}/processes` }];
      if (start + size < all.length) links.push({ rel: 'next', href: `${apiUrl(context)}/processes?offset=${start + size}` });
      sendJson(exchange, context.contract, 200, { processes: all.slice(start, start + size), links });
    },
  },
  {
    method: 'GET', template: '/credentials/basic', auth: false,
    handler: (exchange, context) => {
      const credentials = basicCredentials(exchange.req.headers.authorization);
      if (!credentials) return sendError(exchange, context.contract, 'AuthenticationRequired');
      if (context.users[credentials.user] !== credentials.password) return sendError(exchange, context.contract, 'CredentialsInvalid');
      sendJson(exchange, context.contract, 200, { access_token: context.tokens.issue('basic', credentials.user) });
    },
  },
  {
    method: 'GET', template: '/credentials/oidc', auth: false,
    handler: (exchange, context) => sendJson(exchange, context.contract, 200, {
      providers: [{
        id: context.oidc.providerId, issuer: context.oidc.issuer, title: 'Fake Copernicus Data Space',
        scopes: ['openid', 'offline_access'],
        default_clients: [{ id: context.oidc.clientId, grant_types: ['urn:ietf:params:oauth:grant-type:device_code+pkce', 'refresh_token'] }],
      }],
    }),
  },
  {
    method: 'GET', template: '/me', auth: true,
    handler: (exchange, context, _params, user) => sendJson(exchange, context.contract, 200, { user_id: user.replace(/[^\w\-.~]/g, '_'), name: user }),
  },
];
