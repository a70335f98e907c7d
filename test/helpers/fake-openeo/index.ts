/**
 * A fake REMOTE openEO back-end (API 1.2) on 127.0.0.1 at a random port, laid out like the
 * Copernicus Data Space one: `/.well-known/openeo` at the root, the API under `/openeo/1.2`, an
 * OIDC provider (device code + PKCE, refresh tokens) under `/auth/realms/CDSE`, signed result
 * downloads under `/download`. Collections and bands carry the back-end's own names (collections.ts);
 * every API answer is checked against the vendored openapi.yaml (`contractViolations`).
 *
 *   const backend = await startFakeOpenEo({ resultAssets: [{ name: 'part-1.tif', file }] });
 *   const con = await OpenEO.connect(backend.url);       // @openeo/js-client
 *   await con.authenticateBasic(...FAKE_OPENEO_USER);
 *   … backend.jobs.advance(jobId) …                      // queued → running → finished
 *   backend.tokens.expireAll();                           // next request: 403 TokenInvalid
 *   await backend.setReachable(false);                    // connections refused
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokens } from './access-tokens';
import { DEFAULT_COLLECTIONS, type FakeCollection } from './collections';
import { discoveryRoutes } from './discovery-routes';
import { API_PREFIX, OIDC_PREFIX, type FakeContext, type Route } from './fake-context';
import { jobRoutes } from './job-routes';
import { JobStore, type ResultAssetFile } from './job-store';
import { createOidcProvider, type FakeOidcProvider } from './oidc-provider';
import { OfferedProcesses } from './processes';
import { resultRoutes } from './result-routes';
import { handleRequest, type RecordedOpenEoRequest } from './router';

export type { FakeBand, FakeCollection } from './collections';
export { LANDSAT8_9_L2, SENTINEL2_L2A, TERRASCOPE_S2_TOC_V2 } from './collections';
export type { FakeJob, JobFailure, JobStatus, LogEntry, ResultAssetFile } from './job-store';
export type { RecordedOpenEoRequest } from './router';

/** The HTTP Basic user every fake back-end knows: [user, password]. */
export const FAKE_OPENEO_USER = ['analyst', 'fake-openeo-password'] as const;

export interface FakeOpenEoOptions {
  users?: Record<string, string>;
  collections?: FakeCollection[];
  /** Processes the back-end does not offer (left out of `/processes`, refused in jobs). */
  missingProcesses?: string[];
  /** What a job lists when it finishes without `finish(id, assets)`. */
  resultAssets?: ResultAssetFile[];
  /** `GET /jobs/{id}/estimate` body; null: the back-end offers no estimates (endpoint not listed). */
  estimate?: Record<string, unknown> | null;
  /** `POST /result` answers this file; without it synchronous processing is refused (ProcessGraphComplexity). */
  syncResult?: { file: string; type: string };
  /**
   * Processes per `GET /processes` page, linked by `rel: next` (a paginating back-end, whose later
   * pages @openeo/js-client's listProcesses() never reads); default: all on one page.
   */
  processPageSize?: number;
  /** Check every API answer against openapi.yaml (default true). */
  checkContract?: boolean;
}

export interface FakeOpenEo {
  /** Server root: what an openEO client connects to (it reads `/.well-known/openeo`). */
  url: string;
  /** The versioned API root, `${url}/openeo/1.2`. */
  apiUrl: string;
  jobs: Pick<JobStore, 'get' | 'all' | 'advance' | 'setProgress' | 'finish' | 'fail' | 'expireResultLinks'>;
  tokens: Pick<AccessTokens, 'expireAll' | 'count'>;
  oidc: FakeOidcProvider;
  /** Process ids the back-end does not offer; mutable. */
  missingProcesses: Set<string>;
  requests: RecordedOpenEoRequest[];
  /** One line per API answer that broke the openEO API contract; should stay empty. */
  contractViolations: string[];
  /** false: the server stops listening (connections refused) until set back to true. */
  setReachable(reachable: boolean): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_ESTIMATE = { costs: 12.5, duration: 'PT2H30M', size: 1_200_000_000, downloads_included: 5 };

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export async function startFakeOpenEo(options: FakeOpenEoOptions = {}): Promise<FakeOpenEo> {
  const requests: RecordedOpenEoRequest[] = [];
  const routes: Route[] = [];
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const tokens = new AccessTokens('CDSE');
  const context: FakeContext = {
    origin, contract: { enabled: options.checkContract ?? true, violations: [] }, tokens,
    oidc: createOidcProvider(`${origin}${OIDC_PREFIX}`, 'CDSE', tokens), jobs: new JobStore(options.resultAssets ?? []),
    processes: new OfferedProcesses(options.missingProcesses), collections: options.collections ?? [...DEFAULT_COLLECTIONS],
    users: options.users ?? { [FAKE_OPENEO_USER[0]]: FAKE_OPENEO_USER[1] },
    estimate: options.estimate === undefined ? DEFAULT_ESTIMATE : options.estimate, syncResult: options.syncResult,
    processPageSize: options.processPageSize,
  };
  routes.push(...discoveryRoutes(() => routes), ...jobRoutes(), ...resultRoutes());
  if (!context.estimate) routes.splice(routes.findIndex((route) => route.template === '/jobs/{job_id}/estimate'), 1);
  server.on('request', (req, res) => {
    handleRequest(req, res, context, routes, requests).catch(() => res.destroy());
  });

  return {
    url: origin,
    apiUrl: `${origin}${API_PREFIX}`,
    jobs: context.jobs,
    tokens,
    oidc: context.oidc,
    missingProcesses: context.processes.missing,
    requests,
    contractViolations: context.contract.violations,
    async setReachable(reachable) {
      if (!reachable) return closeServer(server);
      if (!server.listening) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => closeServer(server),
  };
}
