/**
 * The OpenAPI 3.0 description of the ASTRA v1 API served at /api/v1/openapi.json. Written by hand
 * from api.md so that it documents the contract, not an implementation detail; a test checks that
 * every registered route appears here.
 */
import { ASTRA_VERSION } from '../version';

const bearer = [{ bearerAuth: [] }];
const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const geojson = (ref: string) => ({ content: { 'application/geo+json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const errors = {
  400: { description: 'Bad input; `error.parameter` names it', ...json('Error') },
  401: { description: 'Missing, unknown or revoked key', ...json('Error') },
  429: { description: 'Rate limit exceeded; see Retry-After', ...json('Error') },
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

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.0.3',
    info: { title: 'ASTRA v1 API', version: ASTRA_VERSION, description: 'Federated STAC search, asset access, local processing and offline cache of ASTRA Desktop.' },
    servers: [{ url: serverUrl }],
    security: bearer,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'astra_sk_live_… API key' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, parameter: { type: 'string' } } } },
        },
        ItemCollection: { type: 'object', description: 'STAC 1.0.0 ItemCollection with context, links.next and warnings' },
        Item: { type: 'object', description: 'STAC 1.0.0 Item, normalized' },
        Job: { type: 'object', required: ['id', 'type', 'status', 'progress'], properties: { id: { type: 'string' }, type: { type: 'string' }, status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }, progress: { type: 'number' } } },
        ApiKey: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, prefix: { type: 'string' }, created_at: { type: 'string' } } },
      },
    },
    paths: {
      '/api/v1/health': { get: { summary: 'Service health', security: [], responses: { 200: { description: '{status, version, offline}' } } } },
      '/api/v1/keys': {
        get: { summary: 'List API keys (never the keys themselves)', responses: { 200: { description: '{keys: ApiKey[]}' }, ...errors } },
        post: { summary: 'Create a key; the key is shown once', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } }, responses: { 201: { description: '{id, name, key, created_at}' }, ...errors } },
      },
      '/api/v1/keys/{id}': { delete: { summary: 'Revoke a key', parameters: [path('id', 'Key id')], responses: { 204: { description: 'Revoked' }, 404: { description: 'Unknown key', ...json('Error') } } } },
      '/api/v1/sources': { get: { summary: 'Sources with satellites, resolutions, collections, bands and reachability', responses: { 200: { description: '{sources: [...]}' } } } },
      '/api/v1/search': {
        get: { summary: 'Federated search', parameters: searchParameters, responses: { 200: { description: 'ItemCollection', ...geojson('ItemCollection') }, ...errors, 502: { description: 'No source could answer', ...json('Error') }, 504: { description: 'Every source timed out', ...json('Error') } } },
        post: { summary: 'Federated search (JSON body with the same names; intersects allowed)', responses: { 200: { description: 'ItemCollection', ...geojson('ItemCollection') }, ...errors } },
      },
      '/api/v1/scenes/{id}': { get: { summary: 'One scene', parameters: [sceneId], responses: { 200: { description: 'Item', ...geojson('Item') }, 400: errors[400], 404: { description: 'Unknown scene', ...json('Error') } } } },
      '/api/v1/scenes/{id}/assets': { get: { summary: 'Resolve band download URLs (signed, routed, cached)', parameters: [sceneId, query('bands', 'Asset or common names, comma-separated'), query('format', 'cog')], responses: { 200: { description: '{scene, assets}' }, ...errors } } },
      '/api/v1/scenes/{id}/assets/{band}/cog': {
        get: { summary: 'The asset bytes through the local cache (Range honoured)', parameters: [sceneId, path('band', 'Asset or common name')], responses: { 200: { description: 'Whole file' }, 206: { description: 'Partial content' }, 416: { description: 'Range not satisfiable' } } },
        head: { summary: 'Size and ETag of the asset', parameters: [sceneId, path('band', 'Asset or common name')], responses: { 200: { description: 'Headers only' } } },
      },
      '/api/v1/jobs': {
        get: { summary: 'List jobs, newest first', responses: { 200: { description: '{jobs: Job[]}' } } },
        post: { summary: 'Submit ndvi, index or change', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['type'] } } } }, responses: { 202: { description: 'Job', ...json('Job') }, ...errors, 422: { description: 'Valid JSON that cannot be processed', ...json('Error') } } },
      },
      '/api/v1/jobs/{id}': {
        get: { summary: 'Job status, progress and result', parameters: [path('id', 'Job id')], responses: { 200: { description: 'Job', ...json('Job') }, 404: { description: 'Unknown job', ...json('Error') } } },
        delete: { summary: 'Cancel a job', parameters: [path('id', 'Job id')], responses: { 200: { description: 'Job', ...json('Job') }, 409: { description: 'Already finished', ...json('Error') } } },
      },
      '/api/v1/jobs/{id}/result.tif': { get: { summary: 'The result Cloud-Optimized GeoTIFF (Range honoured)', parameters: [path('id', 'Job id')], responses: { 200: { description: 'image/tiff' }, 206: { description: 'Partial content' }, 404: { description: 'No result (yet)' } } } },
      '/api/v1/jobs/{id}/item': { get: { summary: 'STAC Item describing the result and its provenance', parameters: [path('id', 'Job id')], responses: { 200: { description: 'Item', ...geojson('Item') } } } },
      '/api/v1/cache': {
        get: { summary: 'Cache sizes, counts, limit, hit ratio', responses: { 200: { description: 'Cache report' } } },
        delete: { summary: 'Clear the cache', parameters: [query('scope', 'tiles | items | all')], responses: { 200: { description: 'What was removed' } } },
      },
      '/api/v1/settings': {
        get: { summary: 'Runtime settings (offline mode)', responses: { 200: { description: '{offline}' } } },
        put: { summary: 'Change runtime settings, e.g. {"offline": true} never touches the network', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { offline: { type: 'boolean' } } } } } }, responses: { 200: { description: '{offline}' }, ...errors } },
      },
      '/api/v1/cache/offline': { post: { summary: 'Make a scene available offline (a job)', responses: { 202: { description: 'Job', ...json('Job') }, ...errors } } },
      '/api/v1/stac': { get: { summary: 'STAC API landing page', responses: { 200: { description: 'Catalog' } } } },
      '/api/v1/stac/conformance': { get: { summary: 'STAC API conformance classes', responses: { 200: { description: '{conformsTo}' } } } },
      '/api/v1/stac/collections': { get: { summary: 'Collections searched through the sources', responses: { 200: { description: '{collections}' } } } },
      '/api/v1/stac/collections/{id}': { get: { summary: 'One collection', parameters: [path('id', 'Source-scoped collection id, e.g. planetary-computer:sentinel-2-l2a')], responses: { 200: { description: 'Collection' }, 404: { description: 'Unknown', ...json('Error') } } } },
      '/api/v1/stac/collections/{id}/items': {
        get: {
          summary: 'Items of one collection (OGC API Features)',
          parameters: [path('id', 'Source-scoped collection id'), query('bbox', 'minLon,minLat,maxLon,maxLat (default: the whole world)'), query('datetime', 'RFC 3339 instant or interval'),
            query('limit', 'Page size (larger values are clamped to 500)', { type: 'integer', minimum: 1 }), query('token', 'Paging token from a next link')],
          responses: { 200: { description: 'ItemCollection', ...geojson('ItemCollection') }, 404: { description: 'Unknown collection', ...json('Error') }, ...errors },
        },
      },
      '/api/v1/stac/search': {
        get: { summary: 'STAC API item search', parameters: [...searchParameters, query('query', 'JSON, eo:cloud_cover lt/lte only'), query('token', 'Paging token from a next link')], responses: { 200: { description: 'ItemCollection', ...geojson('ItemCollection') }, ...errors } },
        post: { summary: 'STAC API item search (JSON body)', responses: { 200: { description: 'ItemCollection', ...geojson('ItemCollection') }, ...errors } },
      },
      '/api/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
    },
  };
}
