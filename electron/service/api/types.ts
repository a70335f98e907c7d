/** Wire types of the ASTRA v1 API that are not STAC (see ../stac/types.ts). Shared with the renderer. */
import type { KeyScope } from '../keys/key-scopes';

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
