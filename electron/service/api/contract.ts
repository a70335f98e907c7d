/**
 * The ASTRA v1 REST API contract: every request and response type, and which route takes and
 * answers which (API_ROUTES). The routes (../http/routes/), the OpenAPI document
 * (../http/openapi-document.ts) and the renderer's API client (renderer/src/api/, with
 * `import type` — the one service module the renderer may import) all use it;
 * test/integration/service/api-contract.test.ts checks it against the OpenAPI document and the routes the
 * server registers.
 *
 * Wire types are declared once: a response type beside the code that builds it (the `types.ts` of
 * its domain folder) and re-exported here; bodies and queries that only the API knows are
 * declared here. Types only apart from the route table; nothing below this file imports Node.
 */
import type { ApiKeyList, CreatedApiKey, CrsDefinition, ErrorBody, HealthResponse, KeyScope, OpenApiDocument, SourceList } from './types';
import type { SceneAssets } from '../assets/types';
import type { CacheReport, CacheScope, ServiceSettings } from '../cache/types';
import type { AreaJobRequest, JobPreview as AreaJobPreview, TimeseriesResult } from '../jobs/area-job-types';
import type { Job, JobCreated, JobList, JobListQuery } from '../jobs/types';
import type { RemoteBackendInput, SignInRequest, SignInState } from '../openeo/backend-settings/types';
import type { Bbox, Geometry, ItemCollection, SourceId, StacCatalog, StacCollection, StacCollectionList, StacConformance, StacItem, StacItemCollection } from '../stac/types';
import type { IndexName } from '../../../workers/lib/indices';
import type { OpenEoProcess } from '../openeo/graph/graph-json';

export type {
  ApiKeyInfo, ApiKeyList, CreatedApiKey, CrsDefinition, ErrorBody, ErrorCode, ErrorDetail, HealthResponse, KeyScope, OpenApiDocument,
  RefusingLimit, SourceDescription, SourceInfo, SourceList, SourceStatus,
} from './types';
export type { AssetRoute, ResolvedAsset, SceneAssets } from '../assets/types';
export type { CacheReport, CacheScope, ResultUsage, RetentionSettings, ServiceSettings } from '../cache/types';
export type { Job, JobCreated, JobError, JobList, JobListQuery, JobPhase, JobProgressDetail, JobRemote, JobRemoteLogLine, JobResult, JobResultStats, JobStatus } from '../jobs/types';
export type {
  AreaJobRequest, AreaOfInterest, AreaSelection, CompositeJobRequest, CompositeReducer, Period, PeriodChangeJobRequest, TemporalReducer,
  TimeseriesEntry, TimeseriesJobRequest, TimeseriesPeriod, TimeseriesResult, TimeseriesStatistic,
} from '../jobs/area-job-types';
export type { RemoteBackendInput, RemoteBackendView, SignInRequest, SignInState } from '../openeo/backend-settings/types';
export type {
  AstraItemProperties, Bbox, EoBand, Geometry, ItemCollection, Position, RasterBand, SearchContext, SearchWarning, SourceId,
  StacAsset, StacCatalog, StacCollection, StacCollectionList, StacConformance, StacItem, StacItemCollection, StacLink,
} from '../stac/types';
export type { IndexName } from '../../../workers/lib/indices';
export type { OpenEoProcess, ProcessGraphNodes, ProcessNode } from '../openeo/graph/graph-json';

// ---- Requests -----------------------------------------------------------------------------

/** POST /api/v1/keys. `scopes`: an array or a comma-separated string; default read,process. */
export interface CreateKeyRequest {
  name: string;
  scopes?: KeyScope[] | string;
}

/** GET /api/v1/search: query text (lists comma-separated; `intersects` only in POST). */
export interface SearchQuery {
  bbox?: string;
  ids?: string;
  datetime?: string;
  cloud_cover_lt?: string;
  sources?: string;
  collections?: string;
  limit?: string;
  sortby?: string;
  cursor?: string;
}

/** A STAC API `sortby` entry (POST). */
export interface SortField {
  field: string;
  direction?: 'asc' | 'desc';
}

/** POST /api/v1/search: the same names as SearchQuery with JSON values, plus `intersects`. */
export interface SearchBody {
  bbox?: Bbox | string;
  intersects?: Geometry;
  ids?: string[] | string;
  datetime?: string;
  cloud_cover_lt?: number;
  sources?: SourceId[] | string;
  collections?: string[] | string;
  limit?: number;
  sortby?: string | SortField[];
  cursor?: string;
}

/** GET /api/v1/stac/search: the search's parameters, `query` (JSON, `eo:cloud_cover` lt/lte) and the paging `token`. */
export interface StacSearchQuery extends SearchQuery {
  query?: string;
  token?: string;
}

/** POST /api/v1/stac/search */
export interface StacSearchBody extends SearchBody {
  query?: { 'eo:cloud_cover': { lt?: number; lte?: number } };
  token?: string;
}

/** GET /api/v1/stac/collections/{id}/items (OGC API Features). */
export interface StacItemsQuery {
  bbox?: string;
  datetime?: string;
  limit?: string;
  token?: string;
}

/** GET /api/v1/scenes/{id}/assets. Without `bands`, `format=cog` resolves every COG asset of the scene. */
export interface AssetsQuery {
  bands?: string;
  format?: 'cog';
}

/** Options every processing job takes. */
export interface ProcessingOptions {
  /** WGS84; minLon > maxLon crosses the antimeridian. Default: the whole scene (the overlap for change). */
  bbox?: Bbox;
  /** Mask clouds with the scene's SCL / QA_PIXEL band; default true. */
  mask_clouds?: boolean;
  /** Output pixel size in the units of the scene CRS (metres for UTM); default the bands' finest. */
  resolution?: number;
  /** Where the job runs: "local" (default) or the id of a remote openEO back-end of the settings. */
  on?: string;
}

export interface NdviJobRequest extends ProcessingOptions {
  type: 'ndvi';
  scene: string;
}

/** A named index, or a band-math expression over band or common names. */
export type IndexJobRequest = ProcessingOptions & { type: 'index'; scene: string } & (
  | { index: IndexName; expression?: never }
  | { expression: string; index?: never }
);

export interface ChangeJobRequest extends ProcessingOptions {
  type: 'change';
  before: string;
  after: string;
  /** Default ndvi. */
  index?: IndexName;
  /** |difference| counted as change; default 0.2. */
  threshold?: number;
}

/** POST /api/v1/jobs: the single-scene kinds above and the area kinds (jobs/area-job-types.ts). */
export type JobRequest = NdviJobRequest | IndexJobRequest | ChangeJobRequest | AreaJobRequest;

/**
 * POST /api/v1/jobs/preview → 200: what a job would use, nothing queued; with the remote-run
 * suggestion of issue 16 (`suggest_remote`, the signed-in `remote_backends`).
 */
export type JobPreview = AreaJobPreview;

/** POST /api/v1/cache/offline: bands by asset or common name (an array, or comma-separated). */
export interface OfflineRequest {
  scene: string;
  bands: string[] | string;
  bbox?: Bbox;
}

/** DELETE /api/v1/cache */
export interface CacheClearQuery {
  scope?: CacheScope;
}

/**
 * PUT /api/v1/settings: any of the settings (at least one); the answer is all of them.
 * `openeo_backends` replaces the whole list (entries without secrets: sign in separately).
 */
export type SettingsPatch = Partial<Omit<ServiceSettings, 'openeo_backends'>> & { openeo_backends?: RemoteBackendInput[] };

// ---- The route table ----------------------------------------------------------------------

/** Every named wire type of the API: the names the route table and the OpenAPI document's schemas use. */
export interface WireTypes {
  ApiKeyList: ApiKeyList;
  AssetsQuery: AssetsQuery;
  CacheClearQuery: CacheClearQuery;
  CacheReport: CacheReport;
  CreateKeyRequest: CreateKeyRequest;
  CreatedApiKey: CreatedApiKey;
  Error: ErrorBody;
  HealthResponse: HealthResponse;
  Item: StacItem;
  ItemCollection: ItemCollection;
  Job: Job;
  JobCreated: JobCreated;
  JobList: JobList;
  JobListQuery: JobListQuery;
  JobPreview: JobPreview;
  JobRequest: JobRequest;
  OfflineRequest: OfflineRequest;
  OpenApiDocument: OpenApiDocument;
  ProcessGraph: OpenEoProcess;
  SceneAssets: SceneAssets;
  SearchBody: SearchBody;
  SearchQuery: SearchQuery;
  Settings: ServiceSettings;
  SettingsPatch: SettingsPatch;
  SignInRequest: SignInRequest;
  SignInState: SignInState;
  SourceList: SourceList;
  CrsDefinition: CrsDefinition;
  StacCatalog: StacCatalog;
  StacCollection: StacCollection;
  StacCollectionList: StacCollectionList;
  StacConformance: StacConformance;
  StacItemCollection: StacItemCollection;
  StacItemsQuery: StacItemsQuery;
  StacSearchBody: StacSearchBody;
  StacSearchQuery: StacSearchQuery;
  TimeseriesResult: TimeseriesResult;
}

export type WireTypeName = keyof WireTypes;

/**
 * What one route takes and answers: a query and/or JSON body type, and the response — a wire
 * type, `bytes` (a file, Range honoured) or `empty` — with the success statuses it answers.
 */
export interface RouteTypes {
  query?: WireTypeName;
  body?: WireTypeName;
  response: WireTypeName | 'bytes' | 'empty';
  success: readonly number[];
}

/** Every route of the v1 API, as `METHOD /path` with OpenAPI's `{param}`s. */
export const API_ROUTES = {
  'GET /api/v1/health': { response: 'HealthResponse', success: [200] },
  'GET /api/v1/keys': { response: 'ApiKeyList', success: [200] },
  'POST /api/v1/keys': { body: 'CreateKeyRequest', response: 'CreatedApiKey', success: [201] },
  'DELETE /api/v1/keys/{id}': { response: 'empty', success: [204] },
  'GET /api/v1/sources': { response: 'SourceList', success: [200] },
  'GET /api/v1/crs/{code}': { response: 'CrsDefinition', success: [200] },
  'GET /api/v1/search': { query: 'SearchQuery', response: 'ItemCollection', success: [200] },
  'POST /api/v1/search': { body: 'SearchBody', response: 'ItemCollection', success: [200] },
  'GET /api/v1/scenes/{id}': { response: 'Item', success: [200] },
  'GET /api/v1/scenes/{id}/assets': { query: 'AssetsQuery', response: 'SceneAssets', success: [200] },
  'GET /api/v1/scenes/{id}/assets/{band}/cog': { response: 'bytes', success: [200, 206] },
  'HEAD /api/v1/scenes/{id}/assets/{band}/cog': { response: 'empty', success: [200, 206] },
  'GET /api/v1/jobs': { query: 'JobListQuery', response: 'JobList', success: [200] },
  'POST /api/v1/jobs': { body: 'JobRequest', response: 'JobCreated', success: [202] },
  'POST /api/v1/jobs/preview': { body: 'JobRequest', response: 'JobPreview', success: [200] },
  'GET /api/v1/jobs/{id}': { response: 'Job', success: [200] },
  'DELETE /api/v1/jobs/{id}': { response: 'Job', success: [200, 202, 204] },
  'GET /api/v1/jobs/{id}/result.tif': { response: 'bytes', success: [200, 206] },
  'GET /api/v1/jobs/{id}/item': { response: 'Item', success: [200] },
  'GET /api/v1/jobs/{id}/process-graph': { response: 'ProcessGraph', success: [200] },
  'GET /api/v1/jobs/{id}/result.json': { response: 'TimeseriesResult', success: [200] },
  'GET /api/v1/jobs/{id}/result.csv': { response: 'bytes', success: [200, 206] },
  'GET /api/v1/cache': { response: 'CacheReport', success: [200] },
  'DELETE /api/v1/cache': { query: 'CacheClearQuery', response: 'CacheReport', success: [200] },
  'POST /api/v1/cache/offline': { body: 'OfflineRequest', response: 'JobCreated', success: [202] },
  'GET /api/v1/settings': { response: 'Settings', success: [200] },
  'PUT /api/v1/settings': { body: 'SettingsPatch', response: 'Settings', success: [200] },
  'POST /api/v1/settings/openeo-backends/{id}/sign-in': { body: 'SignInRequest', response: 'SignInState', success: [200] },
  'GET /api/v1/settings/openeo-backends/{id}/sign-in': { response: 'SignInState', success: [200] },
  'DELETE /api/v1/settings/openeo-backends/{id}/sign-in': { response: 'empty', success: [204] },
  'GET /api/v1/stac': { response: 'StacCatalog', success: [200] },
  'GET /api/v1/stac/conformance': { response: 'StacConformance', success: [200] },
  'GET /api/v1/stac/collections': { response: 'StacCollectionList', success: [200] },
  'GET /api/v1/stac/collections/{id}': { response: 'StacCollection', success: [200] },
  'GET /api/v1/stac/collections/{id}/items': { query: 'StacItemsQuery', response: 'StacItemCollection', success: [200] },
  'GET /api/v1/stac/search': { query: 'StacSearchQuery', response: 'StacItemCollection', success: [200] },
  'POST /api/v1/stac/search': { body: 'StacSearchBody', response: 'StacItemCollection', success: [200] },
  'GET /api/v1/openapi.json': { response: 'OpenApiDocument', success: [200] },
} as const satisfies Record<string, RouteTypes>;

export type ApiRoutes = typeof API_ROUTES;
export type ApiRoute = keyof ApiRoutes;

/**
 * The field names of the object-shaped requests (queries and bodies), checked against their types
 * below: what the OpenAPI document lists as parameters and properties, and what the routes'
 * JSON schemas validate.
 */
export const REQUEST_FIELDS = {
  AssetsQuery: ['bands', 'format'],
  CacheClearQuery: ['scope'],
  CreateKeyRequest: ['name', 'scopes'],
  JobListQuery: ['status', 'limit'],
  OfflineRequest: ['scene', 'bands', 'bbox'],
  SearchBody: ['bbox', 'intersects', 'ids', 'datetime', 'cloud_cover_lt', 'sources', 'collections', 'limit', 'sortby', 'cursor'],
  SearchQuery: ['bbox', 'ids', 'datetime', 'cloud_cover_lt', 'sources', 'collections', 'limit', 'sortby', 'cursor'],
  SettingsPatch: ['offline', 'results_max_age_days', 'results_max_bytes', 'openeo_backends'],
  SignInRequest: ['password'],
  StacItemsQuery: ['bbox', 'datetime', 'limit', 'token'],
  StacSearchBody: ['bbox', 'intersects', 'ids', 'datetime', 'cloud_cover_lt', 'sources', 'collections', 'limit', 'sortby', 'cursor', 'query', 'token'],
  StacSearchQuery: ['bbox', 'ids', 'datetime', 'cloud_cover_lt', 'sources', 'collections', 'limit', 'sortby', 'cursor', 'query', 'token'],
} as const;

// ---- Types of one route, for route handlers and clients ---------------------------------------

type Entry<R extends ApiRoute> = ApiRoutes[R];
type NamedType<N> = N extends WireTypeName ? WireTypes[N] : never;

export type MethodOf<R extends ApiRoute> = R extends `${infer M} ${string}` ? M : never;
export type PathOf<R extends ApiRoute> = R extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;

export type PathParamsOf<R extends ApiRoute> = { [N in ParamNames<PathOf<R>>]: string };
export type QueryOf<R extends ApiRoute> = Entry<R> extends { query: infer Q } ? NamedType<Q> : never;
export type BodyOf<R extends ApiRoute> = Entry<R> extends { body: infer B } ? NamedType<B> : never;
/** The answer's JSON; `undefined` where the route may answer 204 (a DELETE). Bytes routes are read with fetch. */
export type ResponseOf<R extends ApiRoute> =
  | (Entry<R>['response'] extends 'bytes' | 'empty' ? never : NamedType<Entry<R>['response']>)
  | (204 extends Entry<R>['success'][number] ? undefined : never);

/** fastify's route generics (Params, Querystring, Body) of one route. */
export interface RouteGeneric<R extends ApiRoute> {
  Params: PathParamsOf<R>;
  Querystring: QueryOf<R>;
  Body: BodyOf<R>;
}

// ---- Compile-time checks: REQUEST_FIELDS names exactly the fields of each type ----------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type FieldsOf<N extends keyof typeof REQUEST_FIELDS> = (typeof REQUEST_FIELDS)[N][number];
type FieldMismatches = {
  [N in keyof typeof REQUEST_FIELDS as Same<FieldsOf<N>, keyof WireTypes[N]> extends true ? never : N]: {
    listed: FieldsOf<N>;
    declared: keyof WireTypes[N];
  };
};
/** Fails to compile when a REQUEST_FIELDS list and its type differ: "Property 'JobListQuery' is missing…". */
export const REQUEST_FIELD_MISMATCHES: FieldMismatches = {};
