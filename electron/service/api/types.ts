/** Wire types of the ASTRA v1 API that are not STAC (see ../stac/types.ts). Shared with the renderer. */

export type ErrorCode =
  | 'invalid_parameter'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'range_not_satisfiable'
  | 'unprocessable'
  | 'rate_limited'
  | 'internal'
  | 'upstream_error'
  | 'service_unavailable'
  | 'upstream_timeout'
  | 'insufficient_storage';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; parameter?: string; [extra: string]: unknown };
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
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
  created_at: string;
}

export interface ApiKeyList {
  keys: ApiKeyInfo[];
}
