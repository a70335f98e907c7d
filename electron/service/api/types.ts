/**
 * Wire types of the ASTRA v1 API that are not STAC (see ../stac/types.ts) and have no domain
 * folder of their own. Types only, no Node imports; clients take them from ./contract.ts.
 */
import type { KeyScope } from '../keys/key-scopes';
import type { SourceId } from '../stac/types';

export type { KeyScope } from '../keys/key-scopes';

export type ErrorCode =
  | 'invalid_parameter'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'insufficient_scope'
  | 'not_found'
  | 'conflict'
  | 'request_timeout'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'range_not_satisfiable'
  | 'unprocessable'
  | 'rate_limited'
  | 'headers_too_large'
  | 'internal'
  | 'upstream_error'
  | 'service_unavailable'
  | 'upstream_timeout'
  | 'insufficient_storage';

/** The limit that refused work (429 `queued_per_key`, 503 `queued_total`, 507 `disk_reserve`). */
export type RefusingLimit = 'queued_per_key' | 'queued_total' | 'disk_reserve';

export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  /** The request parameter at fault (400, 413, 416, 422). */
  parameter?: string;
  /** 403 `insufficient_scope`: the scope the key lacks. */
  scope?: KeyScope;
  limit?: RefusingLimit;
  /** The value of `limit` (queue limits). */
  max?: number;
  /** 507 `disk_reserve`: the job's estimate, the volume's free bytes, what unfinished jobs reserve, the reserve kept. */
  needed_bytes?: number;
  free_bytes?: number;
  reserved_bytes?: number;
  reserve_bytes?: number;
  /** 400 on `expression`: 0-based position and kind of the syntax fault. */
  position?: number;
  kind?: string;
  /** 502/504 of a search or scene lookup: what each source said. */
  warnings?: unknown[];
  [extra: string]: unknown;
}

/** Every error answer: `{"error": {code, message, parameter?, …}}` (api.md "Errors"). */
export interface ErrorBody {
  error: ErrorDetail;
}

export interface HealthResponse {
  status: 'ok';
  version: string;
  offline: boolean;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  /** First characters of the key, enough to recognise it; never the key. */
  prefix: string;
  /** What the key may do, in canonical order (read, process, admin). */
  scopes: KeyScope[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
  scopes: KeyScope[];
  created_at: string;
}

export interface ApiKeyList {
  keys: ApiKeyInfo[];
}

/** What a source searches (the static part of GET /api/v1/sources; adapters describe themselves with it). */
export interface SourceDescription {
  id: SourceId;
  title: string;
  provider: 'copernicus' | 'usgs' | 'microsoft';
  satellites: string[];
  resolutions_m: number[];
  collections: string[];
  bands: string[];
  url: string;
}

/** Whether a source's upstream answered at its last use. */
export interface SourceStatus {
  reachable: boolean | null;
  last_checked_at: string | null;
  last_error: string | null;
}

export type SourceInfo = SourceDescription & SourceStatus;

/** GET /api/v1/sources */
export interface SourceList {
  sources: SourceInfo[];
}

/** GET /api/v1/openapi.json: an OpenAPI 3.0 document (http/openapi-document.ts). */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  /** Where the openEO back-end's routes (/api/v1/openeo/) are specified. */
  externalDocs?: { description: string; url: string };
  'x-openeo'?: { root: string; api_version: string; capabilities: string; specification: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, Record<string, unknown>> };
  paths: Record<string, Record<string, Record<string, unknown>>>;
}

/** GET /api/v1/crs/{code}: a CRS the service can make grids in, for clients that draw them (the map). */
export interface CrsDefinition {
  /** 'EPSG:3035' */
  crs: string;
  name: string;
  /** The PROJ string (proj4js syntax) the service itself transforms with. */
  proj4: string;
  geographic: boolean;
  /** Unit of coordinates and resolutions: 'm', 'US survey foot', '°', … */
  unit: string;
}
