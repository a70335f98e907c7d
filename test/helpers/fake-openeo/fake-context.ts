/** What every route of the fake openEO back-end works with. */
import type { AccessTokens } from './access-tokens';
import type { FakeCollection } from './collections';
import type { JobStore } from './job-store';
import type { OidcProviderServer } from './oidc-provider';
import type { ContractCheck, Exchange } from './openeo-http';
import type { OfferedProcesses } from './processes';

export const API_PREFIX = '/openeo/1.2';
export const OIDC_PREFIX = '/auth/realms/CDSE';
export const DOWNLOAD_PREFIX = '/download';

export interface FakeContext {
  /** `http://127.0.0.1:<port>`; the API is at `${origin}${API_PREFIX}`. */
  origin: string;
  contract: ContractCheck;
  tokens: AccessTokens;
  oidc: OidcProviderServer;
  jobs: JobStore;
  processes: OfferedProcesses;
  collections: FakeCollection[];
  /** HTTP Basic users: name → password. */
  users: Record<string, string>;
  /** Body of `GET /jobs/{id}/estimate`; null: the back-end offers no estimates. */
  estimate: Record<string, unknown> | null;
  /** Processes per `GET /processes` page (with a `next` link); undefined: all on one page. */
  processPageSize?: number;
  /** What `POST /result` answers; undefined: synchronous processing refused as too complex. */
  syncResult?: { file: string; type: string };
}

export const apiUrl = (context: FakeContext): string => `${context.origin}${API_PREFIX}`;

/** An authenticated route gets the user the token belongs to. */
export type RouteHandler = (exchange: Exchange, context: FakeContext, params: Record<string, string>, user: string) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** openEO path template below the API root, e.g. `/jobs/{job_id}`. */
  template: string;
  /** Discovery is public, as openEO clients expect; everything else needs a token. */
  auth: boolean;
  handler: RouteHandler;
}
