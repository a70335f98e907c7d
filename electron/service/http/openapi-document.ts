/**
 * The OpenAPI 3.0 description of the ASTRA v1 API served at /api/v1/openapi.json. Operations,
 * parameters and error answers are written by hand from api.md; what each operation takes and
 * answers comes from the contract's route table (api/contract.ts API_ROUTES): the request body's
 * and the success answers' schemas are the wire types it names (openapi-schemas.ts).
 * test/integration/service/api-contract.test.ts checks the operations, statuses, parameters and schemas
 * against the table and the registered routes. Who may call each operation is taken from the
 * routes' own declarations (route-access.ts) — `security` and `x-required-scope`.
 */
import { API_ROUTES, type ApiRoute, type OpenApiDocument } from '../api/contract';
import { ASTRA_VERSION } from '../version';
import { OPENAPI_SCHEMAS } from './openapi-schemas';
import type { RegisteredRoute } from './route-access';

const bearer = [{ bearerAuth: [] }];
const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const errors = {
  400: { description: 'Bad input; `error.parameter` names it', ...json('Error') },
  401: { description: 'Missing, unknown or revoked key', ...json('Error') },
  403: { description: 'The key lacks the scope this operation needs; `error.scope` names it', ...json('Error') },
  429: { description: 'Rate limit exceeded; see Retry-After', ...json('Error') },
};
/** Submitting a job (or an offline prefetch): the queue limits and the disk reserve. */
const admission = {
  429: { description: 'This key has ASTRA_MAX_QUEUED_PER_KEY unfinished jobs (`error.limit` = queued_per_key), or the rate limit; see Retry-After', ...json('Error') },
  503: { description: 'The service has ASTRA_MAX_QUEUED_TOTAL unfinished jobs (`error.limit` = queued_total); see Retry-After', ...json('Error') },
  507: { description: 'Not enough disk space: the job may need `error.needed_bytes` and the data dir must keep ASTRA_DISK_RESERVE_BYTES free (`error.limit` = disk_reserve)', ...json('Error') },
};
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', description, schema });
const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const sceneId = path('id', 'Provider-scoped scene id `<source>:<upstream id>`');

const searchParameters = [
  query('bbox', 'minLon,minLat,maxLon,maxLat (WGS84); minLon > maxLon crosses the antimeridian'),
  query('ids', 'Comma-separated provider-scoped ids'),
  query('datetime', 'RFC 3339 instant or interval a/b with open ends (..); bare dates allowed'),
  query('cloud_cover_lt', '0–100', { type: 'number', minimum: 0, maximum: 100 }),
  query('sources', 'Comma-separated: sentinel-2, landsat, planetary-computer'),
  query('collections', 'Upstream collection ids, or source-scoped ones (planetary-computer:sentinel-2-l2a) to search one source only'),
  query('limit', '1–500, default 10', { type: 'integer', minimum: 1, maximum: 500 }),
  query('sortby', '-datetime (default), datetime, cloud_cover'),
  query('cursor', 'Opaque; only from a next link'),
];

const SCOPES_DESCRIPTION = 'API keys have scopes: `read` (search, scenes, assets, sources, STAC API, this document), '
  + '`process` (jobs, offline prefetch), `admin` (keys, settings, clearing the cache). Each operation names the one it needs '
  + 'in `x-required-scope`; a key without it gets 403 `insufficient_scope`.';

const OPENEO_DESCRIPTION = 'The local openEO back-end (openEO API 1.2) lives under `/api/v1/openeo/`; its routes are not listed here: they are '
  + 'specified by the openEO API (https://api.openeo.org/1.2.0/), and its capabilities (`GET /api/v1/openeo/`) list every endpoint it implements. '
  + 'It takes openEO access tokens (`GET /api/v1/openeo/credentials/basic` with an API key as the password), not keys, and answers openEO errors.';

type Operation = Record<string, unknown> & { responses?: Record<string, unknown> };

/** Adds, per operation, the access its route declares: public → no security; private → its scope and 403. */
function withAccess(paths: Record<string, Record<string, Operation>>, routes: readonly RegisteredRoute[]) {
  const accessOf = new Map(routes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]));
  return Object.fromEntries(Object.entries(paths).map(([path, operations]) => [path, Object.fromEntries(
    Object.entries(operations).map(([method, operation]) => {
      const access = accessOf.get(`${method.toUpperCase()} ${path}`);
      if (access === undefined) return [method, operation];
      if (access === 'public') return [method, { ...operation, security: [] }];
      return [method, { ...operation, 'x-required-scope': access, responses: { ...operation.responses, 401: errors[401], 403: errors[403] } }];
    }),
  )]));
}

/** Items and item collections are GeoJSON. */
const GEOJSON_TYPES = new Set(['Item', 'ItemCollection', 'StacItemCollection']);

/**
 * Adds, per operation, the schemas its contract entry names: the JSON request body, and the
 * content of each success answer that carries a wire type (not 204, not bytes).
 */
function withContract(paths: Record<string, Record<string, Operation>>) {
  return Object.fromEntries(Object.entries(paths).map(([path, operations]) => [path, Object.fromEntries(
    Object.entries(operations).map(([method, operation]) => {
      const key = `${method.toUpperCase()} ${path}`;
      if (!Object.hasOwn(API_ROUTES, key)) return [method, operation];
      const entry: { body?: string; response: string; success: readonly number[] } = API_ROUTES[key as ApiRoute];
      const responses = { ...operation.responses } as Record<string, Record<string, unknown>>;
      for (const status of entry.success) {
        const content = entry.response === 'bytes' || entry.response === 'empty' || status === 204 ? {}
          : { content: { [GEOJSON_TYPES.has(entry.response) ? 'application/geo+json' : 'application/json']: { schema: { $ref: `#/components/schemas/${entry.response}` } } } };
        responses[status] = { ...responses[status], ...content };
      }
      const requestBody = entry.body ? { requestBody: { required: true, ...json(entry.body) } } : {};
      return [method, { ...operation, ...requestBody, responses }];
    }),
  )]));
}

export function openApiDocument(serverUrl: string, routes: readonly RegisteredRoute[] = []): OpenApiDocument {
  return {
    openapi: '3.0.3',
    info: { title: 'ASTRA v1 API', version: ASTRA_VERSION, description: `Federated STAC search, asset access, local processing and offline cache of ASTRA Desktop. ${SCOPES_DESCRIPTION} ${OPENEO_DESCRIPTION}` },
    externalDocs: { description: 'The local openEO back-end under /api/v1/openeo/ follows the openEO API 1.2', url: 'https://api.openeo.org/1.2.0/' },
    'x-openeo': { root: '/api/v1/openeo', api_version: '1.2.0', capabilities: '/api/v1/openeo/', specification: 'https://api.openeo.org/1.2.0/' },
    servers: [{ url: serverUrl }],
    security: bearer,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: `astra_sk_live_… API key. ${SCOPES_DESCRIPTION}` } },
      schemas: OPENAPI_SCHEMAS,
    },
    paths: withAccess(withContract({
      '/api/v1/health': { get: { summary: 'Service health', security: [], responses: { 200: { description: '{status, version, offline}' } } } },
      '/api/v1/keys': {
        get: { summary: 'List API keys (never the keys themselves)', responses: { 200: { description: '{keys: ApiKey[]}' }, ...errors } },
        post: { summary: 'Create a key; the key is shown once', responses: { 201: { description: '{id, name, key, scopes, created_at}' }, ...errors } },
      },
      '/api/v1/keys/{id}': { delete: { summary: 'Revoke a key', parameters: [path('id', 'Key id')], responses: { 204: { description: 'Revoked' }, 404: { description: 'Unknown key', ...json('Error') } } } },
      '/api/v1/sources': { get: { summary: 'Sources with satellites, resolutions, collections, bands and reachability', responses: { 200: { description: '{sources: [...]}' } } } },
      '/api/v1/crs/{code}': { get: { summary: 'Definition of a CRS the service makes grids in (for drawing results offline)', parameters: [path('code', 'EPSG code, e.g. EPSG:3035 or 3035')], responses: { 200: { description: 'CrsDefinition', ...json('CrsDefinition') }, 400: { description: 'Unknown or unusable code', ...json('Error') } } } },
      '/api/v1/search': {
        get: { summary: 'Federated search', parameters: searchParameters, responses: { 200: { description: 'ItemCollection' }, ...errors, 502: { description: 'No source could answer', ...json('Error') }, 504: { description: 'Every source timed out', ...json('Error') } } },
        post: { summary: 'Federated search (JSON body with the same names; intersects allowed)', responses: { 200: { description: 'ItemCollection' }, ...errors } },
      },
      '/api/v1/scenes/{id}': { get: { summary: 'One scene', parameters: [sceneId], responses: { 200: { description: 'Item' }, 400: errors[400], 404: { description: 'Unknown scene', ...json('Error') } } } },
      '/api/v1/scenes/{id}/assets': {
        get: {
          summary: 'Resolve band download URLs (signed, routed, cached)',
          parameters: [sceneId, query('bands', 'Asset or common names, comma-separated; without it, format=cog resolves every COG asset of the scene'), query('format', 'cog', { type: 'string', enum: ['cog'] })],
          responses: { 200: { description: '{scene, assets}' }, ...errors },
        },
      },
      '/api/v1/scenes/{id}/assets/{band}/cog': {
        get: { summary: 'The asset bytes through the local cache (Range honoured)', parameters: [sceneId, path('band', 'Asset or common name')], responses: { 200: { description: 'Whole file' }, 206: { description: 'Partial content' }, 304: { description: 'Not modified (If-None-Match)' }, 416: { description: 'Range not satisfiable', ...json('Error') } } },
        head: { summary: 'Size and ETag of the asset', parameters: [sceneId, path('band', 'Asset or common name')], responses: { 200: { description: 'Headers only' }, 206: { description: 'Headers of the range only' } } },
      },
      '/api/v1/jobs': {
        get: {
          summary: "List jobs, newest first: the key's own (every job for an admin key)",
          parameters: [query('status', 'Only jobs in this state', { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }), query('limit', '1–500, default 50', { type: 'integer', minimum: 1, maximum: 500 })],
          responses: { 200: { description: '{jobs: Job[]}' }, ...errors },
        },
        post: {
          summary: 'Submit ndvi, index, change (scene pair or periods), composite or timeseries (owned by the submitting key); "on": "<back-end id>" runs it on a remote openEO back-end',
          responses: {
            202: { description: 'Queued: {id, status, links}; Location is the job' }, ...errors,
            409: { description: '`on`: not signed in to that back-end, or the app is offline', ...json('Error') },
            422: { description: 'Valid JSON that cannot be processed (no scene found, area beyond the pixel limit, …; also: processes, collections or bands the back-end of `on` lacks)', ...json('Error') },
            502: { description: 'The back-end of `on` is unreachable or refused', ...json('Error') }, ...admission,
          },
        },
      },
      '/api/v1/jobs/preview': {
        post: { summary: 'Validate any job body as POST /jobs does and answer the scenes, observations and grid it would use, whether it is better run on a remote openEO back-end (suggest_remote) and the back-ends signed in to; nothing is queued, no back-end contacted', responses: { 200: { description: 'JobPreview' }, ...errors, 422: { description: 'Valid JSON that cannot be processed', ...json('Error') } } },
      },
      '/api/v1/jobs/{id}': {
        get: { summary: 'Job status, progress and result', parameters: [path('id', 'Job id')], responses: { 200: { description: 'Job' }, 404: { description: "Unknown job, or another key's", ...json('Error') } } },
        delete: {
          summary: 'Cancel a queued or running job; remove a finished one with its files',
          parameters: [path('id', 'Job id')],
          responses: { 200: { description: 'Cancelled' }, 202: { description: 'Told to stop, still running' }, 204: { description: 'Finished job removed with its files' }, 404: { description: "Unknown job, or another key's", ...json('Error') } },
        },
      },
      '/api/v1/jobs/{id}/result.tif': { get: { summary: 'The result Cloud-Optimized GeoTIFF (Range honoured)', parameters: [path('id', 'Job id')], responses: { 200: { description: 'image/tiff' }, 206: { description: 'Partial content' }, 304: { description: 'Not modified (If-None-Match)' }, 404: { description: 'No result (yet)', ...json('Error') }, 416: { description: 'Range not satisfiable', ...json('Error') } } } },
      '/api/v1/jobs/{id}/process-graph': {
        get: {
          summary: 'The job as an openEO process graph: posted to /api/v1/openeo/result or /api/v1/openeo/jobs it runs the same job (same pixels)',
          parameters: [path('id', 'Job id')],
          responses: { 200: { description: '{process_graph}' }, 404: { description: "Unknown job, another key's, or a kind without a graph (offline)", ...json('Error') }, 422: { description: 'A job no openEO graph can express (e.g. a max_ndvi composite)', ...json('Error') } },
        },
      },
      '/api/v1/jobs/{id}/result.json': { get: { summary: 'The result of a time-series job (TimeseriesResult)', parameters: [path('id', 'Job id')], responses: { 200: { description: 'TimeseriesResult' }, 304: { description: 'Not modified (If-None-Match)' }, 404: { description: 'No result (yet), or not a time series', ...json('Error') } } } },
      '/api/v1/jobs/{id}/result.csv': { get: { summary: 'The result of a time-series job as CSV, one row per entry (Range honoured)', parameters: [path('id', 'Job id')], responses: { 200: { description: 'text/csv' }, 206: { description: 'Partial content' }, 304: { description: 'Not modified (If-None-Match)' }, 404: { description: 'No result (yet), or not a time series', ...json('Error') }, 416: { description: 'Range not satisfiable', ...json('Error') } } } },
      '/api/v1/jobs/{id}/item': { get: { summary: 'STAC Item describing the result and its provenance', parameters: [path('id', 'Job id')], responses: { 200: { description: 'Item' }, 404: { description: 'No result (yet), or not a processing job', ...json('Error') } } } },
      '/api/v1/cache': {
        get: { summary: 'Cache sizes, counts, limit, hit ratio; bytes of job results', responses: { 200: { description: 'Cache report' } } },
        delete: { summary: 'Clear the cache (job results stay)', parameters: [query('scope', 'tiles | items | all (default)', { type: 'string', enum: ['tiles', 'items', 'all'] })], responses: { 200: { description: 'The report after clearing' }, ...errors } },
      },
      '/api/v1/settings': {
        get: { summary: 'Settings: offline mode, result retention, remote openEO back-ends (never a secret)', responses: { 200: { description: 'Settings' } } },
        put: { summary: 'Change any of the settings, e.g. {"offline": true} never touches the network; retention applies at once; openeo_backends replaces the list', responses: { 200: { description: 'All settings after the change' }, ...errors } },
      },
      '/api/v1/settings/openeo-backends/{id}/sign-in': {
        post: {
          summary: 'Sign in to a remote openEO back-end: basic with {"password"} (checked with the back-end, then stored); OIDC without a body (device-code sign-in: open verification_uri, enter user_code)',
          parameters: [path('id', 'Back-end id')],
          responses: { 200: { description: 'signed_in (basic) or pending (OIDC)' }, ...errors, 404: { description: 'No such back-end', ...json('Error') }, 422: { description: 'The back-end offers no device-code sign-in', ...json('Error') }, 502: { description: 'The back-end is unreachable', ...json('Error') } },
        },
        get: { summary: 'Sign-in state: pending (with the code to enter), signed_in, failed (with message) or signed_out', parameters: [path('id', 'Back-end id')], responses: { 200: { description: 'SignInState' }, 404: { description: 'No such back-end', ...json('Error') } } },
        delete: { summary: 'Sign out: the back-end\'s password or tokens are removed', parameters: [path('id', 'Back-end id')], responses: { 204: { description: 'Signed out' }, 404: { description: 'No such back-end', ...json('Error') } } },
      },
      '/api/v1/cache/offline': { post: { summary: 'Make a scene available offline (a job, owned by the submitting key)', responses: { 202: { description: 'Queued: {id, status, links}' }, ...errors, ...admission } } },
      '/api/v1/stac': { get: { summary: 'STAC API landing page', responses: { 200: { description: 'Catalog' } } } },
      '/api/v1/stac/conformance': { get: { summary: 'STAC API conformance classes', responses: { 200: { description: '{conformsTo}' } } } },
      '/api/v1/stac/collections': { get: { summary: 'Collections searched through the sources', responses: { 200: { description: '{collections, links}' } } } },
      '/api/v1/stac/collections/{id}': { get: { summary: 'One collection', parameters: [path('id', 'Source-scoped collection id, e.g. planetary-computer:sentinel-2-l2a')], responses: { 200: { description: 'Collection' }, 404: { description: 'Unknown', ...json('Error') } } } },
      '/api/v1/stac/collections/{id}/items': {
        get: {
          summary: 'Items of one collection (OGC API Features)',
          parameters: [path('id', 'Source-scoped collection id'), query('bbox', 'minLon,minLat,maxLon,maxLat (default: the whole world)'), query('datetime', 'RFC 3339 instant or interval'),
            query('limit', 'Page size (larger values are clamped to 500)', { type: 'integer', minimum: 1 }), query('token', 'Paging token from a next link')],
          responses: { 200: { description: 'ItemCollection' }, 404: { description: 'Unknown collection', ...json('Error') }, ...errors },
        },
      },
      '/api/v1/stac/search': {
        get: { summary: 'STAC API item search', parameters: [...searchParameters, query('query', 'JSON, eo:cloud_cover lt/lte only'), query('token', 'Paging token from a next link')], responses: { 200: { description: 'ItemCollection' }, ...errors } },
        post: { summary: 'STAC API item search (JSON body)', responses: { 200: { description: 'ItemCollection' }, ...errors } },
      },
      '/api/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
    }), routes),
  };
}
