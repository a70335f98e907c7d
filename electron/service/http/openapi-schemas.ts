/**
 * `components.schemas` of the OpenAPI document: one schema per wire type the route table
 * (api/contract.ts API_ROUTES) names as a body or a response, under the same name, plus the
 * parts they share. Written by hand from api.md; test/integration/service/api-contract.test.ts checks
 * that each one the table names exists and that request schemas list exactly the contract's fields.
 */
import { KEY_SCOPES } from '../keys/key-scopes';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({ type: 'object', ...(required.length ? { required } : {}), properties, ...extra });
const string = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const integer: Schema = { type: 'integer' };
const boolean: Schema = { type: 'boolean' };
const nullableLimit = (description: string, minimum: number): Schema => ({ type: 'integer', nullable: true, minimum, description });
const bbox: Schema = { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4, description: '[minLon, minLat, maxLon, maxLat] in WGS84; minLon > maxLon crosses the antimeridian' };
const stringList = (description: string): Schema => ({ description, oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] });
const scopes: Schema = { type: 'array', items: { type: 'string', enum: [...KEY_SCOPES] } };
const links: Schema = { type: 'array', items: { type: 'object', required: ['rel', 'href'], properties: { rel: string(), href: string(), type: string(), method: string() } } };

const searchFields: Record<string, Schema> = {
  bbox: { description: 'minLon,minLat,maxLon,maxLat (an array or a string)', oneOf: [bbox, { type: 'string' }] },
  intersects: { type: 'object', description: 'A GeoJSON geometry' },
  ids: stringList('Provider-scoped ids'),
  datetime: string('RFC 3339 instant or interval a/b with open ends (..)'),
  cloud_cover_lt: { type: 'number', minimum: 0, maximum: 100 },
  sources: stringList('sentinel-2, landsat, planetary-computer'),
  collections: stringList('Upstream or source-scoped collection ids'),
  limit: { type: 'integer', minimum: 1, maximum: 500 },
  sortby: { description: '-datetime (default), datetime, cloud_cover; or STAC [{field, direction}]', oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }] },
  cursor: string('Opaque; only from a next link'),
};

const processingOptions: Record<string, Schema> = {
  bbox,
  mask_clouds: { type: 'boolean', description: 'Mask clouds with SCL / QA_PIXEL; default true' },
  resolution: { type: 'number', exclusiveMinimum: true, minimum: 0, description: 'Output pixel size in the scene CRS units (metres for UTM)' },
  on: string('Where the job runs: "local" (default) or the id of a remote openEO back-end of the settings (`openeo_backends`)'),
};
const indexName: Schema = { type: 'string', enum: ['ndvi', 'ndwi', 'nbr', 'evi', 'savi'] };
const temporalReducers = ['median', 'mean', 'min', 'max', 'first', 'last', 'count'];
const polygon: Schema = { type: 'object', description: 'GeoJSON Polygon or MultiPolygon in WGS84', required: ['type', 'coordinates'], properties: { type: { type: 'string', enum: ['Polygon', 'MultiPolygon'] }, coordinates: { type: 'array' } } };
const aoi: Schema = { description: 'bbox [minLon, minLat, maxLon, maxLat] or a GeoJSON Polygon/MultiPolygon (WGS84); pixels outside a polygon are no data', oneOf: [bbox, polygon] };
const period = string('RFC 3339 interval start/end, both ends required (bare dates cover their whole day), e.g. 2024-06-01/2024-08-31');
const areaSelection: Record<string, Schema> = {
  sources: { type: 'array', items: { type: 'string', enum: ['sentinel-2', 'landsat', 'planetary-computer'] }, description: 'Default: all three' },
  collections: { type: 'array', items: string(), description: 'Upstream or source-scoped collection ids, as /search' },
  cloud_cover_lt: { type: 'number', minimum: 0, maximum: 100, description: 'Scene-level filter (eo:cloud_cover)' },
  mask_clouds: { type: 'boolean', description: 'Mask SCL / QA_PIXEL per pixel; default true' },
  harmonize: { type: 'string', enum: ['hls'], description: 'HLS bandpass adjustment of Landsat 8/9 OLI to Sentinel-2A MSI' },
  crs: string('Any 2D projected or geographic EPSG code tied to WGS84 without a shift grid (e.g. EPSG:3035, EPSG:2154, EPSG:5070, EPSG:3413, EPSG:4258; offline EPSG index); default the UTM zone of the area\'s centre'),
  resolution: { type: 'number', exclusiveMinimum: true, minimum: 0, description: 'In the CRS\'s unit: metres, degrees for geographic CRSs, US survey feet for e.g. EPSG:2263; default the finest band used' },
  on: string('Where the job runs: "local" (default) or the id of a remote openEO back-end of the settings (`openeo_backends`)'),
};
const valueChoice: Record<string, Schema> = {
  bands: { type: 'array', items: string(), minItems: 1, description: 'Common or asset names, e.g. ["red", "green", "blue"]' },
  index: indexName,
  expression: string('Band math over band or common names'),
};
const statistic: Schema = { type: 'number', nullable: true };

const settings: Record<string, Schema> = {
  offline: { type: 'boolean', description: 'Never touch the network (until the service stops)' },
  results_max_age_days: nullableLimit('Finished jobs older than this are removed with their files; null = keep', 1),
  results_max_bytes: nullableLimit('The oldest results are removed while all take more than this; null = no limit', 1048576),
};

const backendFields: Record<string, Schema> = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'Used in job bodies as "on"; never "local"' },
  url: string('The back-end\'s root (discovery via /.well-known/openeo) or a versioned API URL; https (http only on loopback)'),
  title: { type: 'string', nullable: true },
  auth: { type: 'string', enum: ['basic', 'oidc'] },
  username: { type: 'string', nullable: true, description: 'basic only' },
  oidc_provider_id: { type: 'string', nullable: true, description: 'oidc only; default the back-end\'s provider with a device-code client' },
  oidc_client_id: { type: 'string', nullable: true, description: 'oidc only; default the provider\'s device-code client' },
  collections: { type: 'object', additionalProperties: { type: 'string' }, description: 'Pins: ASTRA collection id (sentinel-2.sentinel-2-l2a) → the back-end\'s; others are matched' },
};

export const OPENAPI_SCHEMAS: Record<string, Schema> = {
  Error: object({
    error: object({
      code: string(), message: string(), parameter: string(),
      scope: string('The missing scope (403 insufficient_scope)'),
      limit: { type: 'string', enum: ['queued_per_key', 'queued_total', 'disk_reserve'], description: 'The limit that refused the work (429, 503, 507)' },
    }, ['code', 'message']),
  }, ['error']),
  HealthResponse: object({ status: { type: 'string', enum: ['ok'] }, version: string(), offline: boolean }, ['status', 'version', 'offline']),
  ApiKey: object({ id: string(), name: string(), prefix: string(), scopes, created_at: string(), last_used_at: { type: 'string', nullable: true }, revoked_at: { type: 'string', nullable: true } }),
  ApiKeyList: object({ keys: { type: 'array', items: ref('ApiKey') } }, ['keys']),
  CreateKeyRequest: object({
    name: { type: 'string', minLength: 1, maxLength: 100 },
    scopes: { description: 'Array or comma-separated string of read, process, admin; default read,process', oneOf: [scopes, { type: 'string' }] },
  }, ['name'], { additionalProperties: false }),
  CreatedApiKey: object({ id: string(), name: string(), key: string('Shown once'), scopes, created_at: string() }, ['id', 'name', 'key', 'scopes', 'created_at']),
  CrsDefinition: object({ crs: string(), name: string(), proj4: string('PROJ string in proj4js syntax'), geographic: boolean, unit: string() }, ['crs', 'name', 'proj4', 'geographic', 'unit']),
  SourceList: object({ sources: { type: 'array', items: { type: 'object', description: 'id, title, provider, satellites, resolutions_m, collections, bands, url, reachable, last_checked_at, last_error' } } }, ['sources']),
  SearchBody: object(searchFields, [], { additionalProperties: false }),
  StacSearchBody: object({ ...searchFields, query: { type: 'object', description: '{"eo:cloud_cover": {"lt": N}} (or lte)' }, token: string('Paging token from a next link') }),
  ItemCollection: { type: 'object', description: 'STAC 1.0.0 ItemCollection with context, links.next and warnings' },
  StacItemCollection: { type: 'object', description: 'STAC 1.0.0 ItemCollection with numberReturned, numberMatched (when known), context, links and warnings' },
  Item: { type: 'object', description: 'STAC 1.0.0 Item, normalized' },
  ResolvedAsset: object({
    href: string(), type: { type: 'string', nullable: true }, gsd: { type: 'number', nullable: true }, expires_at: { type: 'string', nullable: true },
    route: { type: 'string', enum: ['cache', 'signed', 'public', 'alternate'] }, asset: string('The asset key the band resolved to'),
  }, ['href', 'type', 'gsd', 'expires_at', 'route', 'asset']),
  SceneAssets: object({ scene: string(), assets: { type: 'object', additionalProperties: ref('ResolvedAsset'), description: 'Keyed by the band names as requested (asset keys without bands)' } }, ['scene', 'assets']),
  Job: object({
    id: string(), type: string(), status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }, progress: { type: 'number' },
    progress_detail: object({ phase: { type: 'string', enum: ['finding_scenes', 'reading', 'reducing', 'writing'] }, done: { type: 'number' }, total: { type: 'number' } }, ['phase', 'done', 'total'], { description: 'What the job is doing and how far (kinds that report it)' }),
    created_at: string(), started_at: { type: 'string', nullable: true }, finished_at: { type: 'string', nullable: true },
    error: object({
      code: string(), message: string(), reason: string('A remote failure: unreachable, sign_in_required, remote_job_failed, …'), backend: string(),
      remote_code: string(), remote_job_id: string(), remote_logs: { type: 'array', items: object({ level: string(), message: string() }) },
    }, ['code', 'message']),
    result: { type: 'object', description: 'Raster jobs: {href, bbox, crs, width, height, bands, tiles, stats: {min, max, mean, valid_fraction}} (+ scenes, observations for area jobs); time series: {href, csv, entries, scenes}' },
    params: { type: 'object' }, remote: ref('JobRemote'), links,
  }, ['id', 'type', 'status', 'progress']),
  JobRemote: object({
    backend: string('The back-end\'s id in the settings'), url: string(), job_id: { type: 'string', nullable: true }, status: { type: 'string', nullable: true, description: 'The remote status: created, queued, running, canceled, finished, error' },
    progress: { type: 'number', nullable: true, description: '0–100 as the back-end reports it' },
    estimate: { type: 'object', nullable: true, properties: { costs: { type: 'number' }, duration: string('ISO 8601 duration'), size: integer } },
    logs: { type: 'array', items: object({ level: string(), message: string(), time: string() }, ['level', 'message']), description: 'The last 50 lines, oldest first' },
  }, ['backend', 'url', 'job_id', 'status', 'progress', 'estimate', 'logs']),
  JobList: object({ jobs: { type: 'array', items: ref('Job') } }, ['jobs']),
  JobCreated: object({ id: string(), status: { type: 'string', enum: ['queued'] }, links }, ['id', 'status', 'links']),
  NdviJobRequest: object({ type: { type: 'string', enum: ['ndvi'] }, scene: string(), ...processingOptions }, ['type', 'scene'], { additionalProperties: false }),
  IndexJobRequest: object({ type: { type: 'string', enum: ['index'] }, scene: string(), index: indexName, expression: string('Band math, e.g. (nir - red) / (nir + red)'), ...processingOptions }, ['type', 'scene'], { additionalProperties: false, description: 'Exactly one of index, expression' }),
  ChangeJobRequest: object({ type: { type: 'string', enum: ['change'] }, before: string(), after: string(), index: indexName, threshold: { type: 'number', minimum: 0 }, ...processingOptions }, ['type', 'before', 'after'], { additionalProperties: false }),
  CompositeJobRequest: object({
    type: { type: 'string', enum: ['composite'] }, aoi, datetime: period, ...valueChoice,
    reducer: { type: 'string', enum: [...temporalReducers, 'max_ndvi'], description: 'max_ndvi: every band from the observation with the highest NDVI' },
    valid_count: { type: 'boolean', description: 'Add a band with the valid observations per pixel' }, ...areaSelection,
  }, ['type', 'aoi', 'datetime', 'reducer'], { additionalProperties: false, description: 'Exactly one of bands, index, expression' }),
  PeriodChangeJobRequest: object({
    type: { type: 'string', enum: ['change'] }, aoi,
    before: object({ datetime: period }, ['datetime']), after: object({ datetime: period }, ['datetime']),
    index: indexName, expression: string('Band math (instead of index)'), reducer: { type: 'string', enum: temporalReducers, description: 'Default median' },
    threshold: { type: 'number', minimum: 0, description: 'Default 0.2' }, ...areaSelection,
  }, ['type', 'aoi', 'before', 'after'], { additionalProperties: false, description: 'Two composites of the area on one grid: after − before, and the −1/0/+1 class' }),
  TimeseriesJobRequest: object({
    type: { type: 'string', enum: ['timeseries'] },
    aoi: { description: 'A point [lon, lat], a bbox or a GeoJSON Polygon/MultiPolygon (WGS84)', oneOf: [{ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }, bbox, polygon] },
    datetime: period, ...valueChoice, period: { type: 'string', enum: ['day', 'week', 'month'], description: 'Default day: one entry per acquisition (platform and solar day)' }, ...areaSelection,
  }, ['type', 'aoi', 'datetime'], { additionalProperties: false, description: 'Exactly one of bands, index, expression' }),
  JobRequest: { oneOf: [ref('NdviJobRequest'), ref('IndexJobRequest'), ref('ChangeJobRequest'), ref('CompositeJobRequest'), ref('PeriodChangeJobRequest'), ref('TimeseriesJobRequest')] },
  JobPreview: object({
    type: string(), scenes: { type: 'array', items: string() }, observations: integer,
    grid: object({ crs: string(), width: integer, height: integer, resolution: { type: 'number' } }, ['crs', 'width', 'height', 'resolution']),
    estimate: object({ output_pixels: integer, input_bytes: { type: 'integer', nullable: true }, local_seconds: { type: 'number', nullable: true } }, ['output_pixels', 'input_bytes', 'local_seconds']),
    suggest_remote: { type: 'boolean', description: 'The local estimate passes a threshold (pixels, scenes, bytes to fetch, local time): better run on a remote openEO back-end' },
    suggest_remote_reasons: { type: 'array', items: string(), description: 'One line per threshold passed' },
    remote_backends: { type: 'array', items: string(), description: 'The remote back-ends signed in to that can run the job' },
  }, ['type', 'scenes', 'observations', 'estimate', 'suggest_remote', 'suggest_remote_reasons', 'remote_backends']),
  TimeseriesEntry: object({
    datetime: string('The observation\'s (first scene\'s) datetime, or the period\'s start'),
    period: object({ label: string(), start: string(), end: string() }, ['label', 'start', 'end']),
    source: string(), platform: string(), scenes: { type: 'array', items: string() }, variable: string(),
    mean: statistic, median: statistic, std: statistic, min: statistic, max: statistic, p10: statistic, p90: statistic,
    valid_pixels: integer, cloud_fraction: statistic,
  }, ['datetime', 'source', 'platform', 'scenes', 'variable', 'mean', 'median', 'std', 'min', 'max', 'p10', 'p90', 'valid_pixels', 'cloud_fraction']),
  TimeseriesResult: object({
    aoi: { description: 'As requested', oneOf: [{ type: 'array', items: { type: 'number' } }, polygon] }, datetime: string(),
    period: { type: 'string', enum: ['day', 'week', 'month'] }, variable: string(), entries: { type: 'array', items: ref('TimeseriesEntry') },
  }, ['aoi', 'datetime', 'period', 'variable', 'entries']),
  OfflineRequest: object({ scene: string(), bands: stringList('Asset or common names'), bbox }, ['scene', 'bands']),
  CacheReport: {
    type: 'object',
    description: 'Items, query pages, COG byte blocks (bytes, pinned_bytes, limit), hit counters; and the files of finished jobs',
    properties: {
      offline: boolean, items: integer, query_pages: integer, files: integer, blocks: integer, bytes: integer, pinned_bytes: integer, limit: integer,
      hits: integer, misses: integer, coalesced: integer, hit_ratio: { type: 'number', nullable: true }, upstream_requests: integer, upstream_bytes: integer, evicted_blocks: integer,
      results: { type: 'object', required: ['count', 'bytes'], properties: { count: integer, bytes: integer }, description: 'Finished jobs holding files (result COGs) and their bytes; not part of the cache' },
    },
  },
  RemoteBackend: object({ ...backendFields, created_at: string(), updated_at: string(), signed_in: boolean }, ['id', 'url', 'title', 'auth', 'signed_in']),
  RemoteBackendInput: object(backendFields, ['id', 'url', 'auth'], { additionalProperties: false, description: 'No secret: sign in with POST /api/v1/settings/openeo-backends/{id}/sign-in' }),
  Settings: object({ ...settings, openeo_backends: { type: 'array', items: ref('RemoteBackend') } }, ['offline', 'results_max_age_days', 'results_max_bytes', 'openeo_backends']),
  SettingsPatch: object({ ...settings, openeo_backends: { type: 'array', items: ref('RemoteBackendInput'), description: 'Replaces the whole list' } }, [], { minProperties: 1, additionalProperties: false }),
  SignInRequest: object({ password: string('basic back-ends only') }, [], { additionalProperties: false }),
  SignInState: object({
    state: { type: 'string', enum: ['pending', 'signed_in', 'failed', 'signed_out'] }, message: string(),
    verification_uri: string('pending (OIDC): open this page…'), verification_uri_complete: { type: 'string', nullable: true }, user_code: string('…and enter this code'),
    expires_in: integer, interval: integer,
  }, ['state']),
  StacCatalog: object({ type: { type: 'string', enum: ['Catalog'] }, stac_version: string(), id: string(), title: string(), description: string(), conformsTo: { type: 'array', items: string() }, links }, ['type', 'stac_version', 'id', 'conformsTo', 'links']),
  StacConformance: object({ conformsTo: { type: 'array', items: string() } }, ['conformsTo']),
  StacCollection: { type: 'object', description: 'STAC 1.0.0 Collection with a source-scoped id' },
  StacCollectionList: object({ collections: { type: 'array', items: ref('StacCollection') }, links }, ['collections', 'links']),
  OpenApiDocument: { type: 'object', description: 'This document (OpenAPI 3.0)' },
  ProcessGraph: object({
    process_graph: { type: 'object', description: 'openEO API 1.2 process graph: nodes by id, each {process_id, arguments, result?}; the processes of GET /api/v1/openeo/processes', additionalProperties: { type: 'object', required: ['process_id', 'arguments'] } },
  }, ['process_graph'], { description: 'An openEO process (https://api.openeo.org/1.2.0/#section/Processes/Process-Graphs); POST it as {"process": …} to /api/v1/openeo/result or /api/v1/openeo/jobs' }),
};
