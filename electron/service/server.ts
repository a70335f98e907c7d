/**
 * Builds the ASTRA v1 service: one fastify instance on loopback with the host guard, CORS, auth,
 * rate limit, JSON errors, routes and the renderer. Used by `npm run serve`, the Electron main
 * process and the tests alike.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { createUpstreamFetch } from './assets/upstream-fetch';
import { createCacheServices } from './cache/cache-services';
import { offlinePrefetchJob } from './cache/offline-prefetch-job';
import type { ServiceConfig } from './config';
import { openDatabase } from './db/open-database';
import { installAuth } from './http/auth';
import { clientError, frameworkError, installErrorHandling } from './http/error-handler';
import { installHostGuard } from './http/host-guard';
import { REQUEST_LOG_OPTIONS } from './http/log-redaction';
import { installRateLimit } from './http/rate-limit';
import { installRendererStatic } from './http/renderer-static';
import { collectRoutes, type RegisteredRoute } from './http/route-access';
import { ROUTE_MODULES } from './http/routes';
import { JobQueue } from './jobs/queue';
import { SearchPageDecoderPool } from './search/search-page-decoder';
import { ADMIN_KEY_SCOPES } from './keys/key-scopes';
import { KeyStore } from './keys/key-store';
import { loadOrCreateSecret } from './persistent-secret';
import { ensurePrivateDir } from './private-files';
import { createLocalOpenEoBackend } from './openeo/local';
import { OpenEoBackends } from './openeo/backend-settings';
import { openEoOffloadKind, type RemoteThresholds } from './openeo/offload';
import { RemoteBackendStore } from './openeo/remote/backend-registry';
import { createFileSecretStore, type SecretCodec } from './openeo/remote/file-secret-store';
import type { FetchLike } from './openeo/remote/oidc-client';
import type { SecretStore } from './openeo/remote/secret-store';
import type { Sleep } from './openeo/remote/sleep';
import { federatedSearch, getSceneFromSources, parseSearchBody } from './search';
import { SourceStatusBoard } from './search/source-status';
import type { ServiceContext } from './service-context';
import { processingJobKinds } from './processing';
import { RetentionSettingsStore } from './settings/retention-settings';
import { createSources } from './sources';
import type { FreeSpaceProbe } from './storage/free-space';
import { createRasterWorkerPool, type RasterWorkerPool } from './worker-pool/raster-worker-pool';

/** Area jobs page through every result: `matched` is not needed, so nothing is listed to count it. */
const AREA_SEARCH_COUNT_BUDGET = { maxRequests: 0, timeMs: 0, pageSize: 1 };

export interface AstraService {
  app: FastifyInstance;
  context: ServiceContext;
  /** Piscina threads running workers/raster-task.ts: processing tiles and COG tile encoding. */
  rasterPool: RasterWorkerPool;
  /**
   * Every route registered (method, URL pattern, who may call it), for the OpenAPI completeness
   * test and the security suite, which calls each one without a key.
   */
  routes: readonly RegisteredRoute[];
  /** Starts listening; resolves with the URL actually bound (port 0 picks a free port). */
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  /** Where remote openEO back-ends' passwords and tokens are kept. */
  secretStore: SecretStore;
}

/**
 * Time limits on connections, so a client that stalls (half the headers, a body sent a byte at a
 * time, nothing at all) does not hold a connection: the whole request within requestTimeoutMs,
 * no traffic for idleTimeoutMs, an idle keep-alive connection for a few seconds. Node checks the
 * request deadlines every `connectionsCheckingInterval`, so that follows the timeout.
 */
export function connectionLimits(config: Pick<ServiceConfig, 'requestTimeoutMs' | 'idleTimeoutMs'>) {
  return {
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.idleTimeoutMs,
    keepAliveTimeout: Math.min(5_000, config.idleTimeoutMs),
    http: {
      headersTimeout: config.requestTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(config.requestTimeoutMs / 4))),
    },
  };
}

export interface CreateServiceOptions {
  logger?: boolean;
  /** Free space of the data dir's volume (default statfs); tests stand in a small disk. */
  freeSpace?: FreeSpaceProbe;
  /** Secrets of remote openEO back-ends; default the 0600 file in the data dir (see `secretFile`). */
  secretStore?: SecretStore;
  /**
   * How that file encodes its values (the desktop app: the OS keychain through Electron's
   * safeStorage; default plain text, the file being 0600) and where it reports a value it cannot read.
   */
  secretFile?: { codec?: SecretCodec; warn?: (message: string) => void };
  /**
   * Remote openEO back-ends: the wait between polls of remote jobs and device sign-ins (tests
   * drive their fake back-end there instead of waiting), the fetch of the OIDC requests, and when
   * a job preview suggests a remote run (default: the documented thresholds).
   */
  openEo?: { sleep?: Sleep; fetch?: FetchLike; suggestThresholds?: RemoteThresholds };
}

export type { SecretCodec };

export async function createService(config: ServiceConfig, options: CreateServiceOptions = {}): Promise<AstraService> {
  ensurePrivateDir(config.dataDir);
  const db = openDatabase(join(config.dataDir, 'astra.sqlite'), undefined, config.sqliteNativeBinding);
  const shutdown = new AbortController();
  // Everything long-running listens to it (and removes its listener when done): an area plan's
  // probes alone hold a dozen at once, by design rather than leak.
  setMaxListeners(0, shutdown.signal);
  let boundPort = config.port;
  const sourceStatus = new SourceStatusBoard();
  const upstreamFetch = createUpstreamFetch(config);
  const cache = createCacheServices(db, config, {
    shutdownSignal: shutdown.signal,
    upstreamFetch,
    upstreamScene: (id, signal) => getSceneFromSources(context.sources, id, { timeoutMs: config.upstreamTimeoutMs, fetch: upstreamFetch, signal }),
  });
  const retention = new RetentionSettingsStore(db);
  const rasterPool = createRasterWorkerPool(config.workerCount);
  const keys = new KeyStore(db);
  const jobs = new JobQueue({
    db,
    dataDir: config.dataDir,
    concurrency: config.workerCount,
    shutdownSignal: shutdown.signal,
    log: { error: (details, message) => app.log.error(details, message) },
    limits: config,
    freeSpace: options.freeSpace,
    retention: () => retention.policy(),
  });
  const secretStore = options.secretStore ?? createFileSecretStore(config.dataDir, options.secretFile);
  const remoteBackends = new RemoteBackendStore(db, secretStore);
  const context: ServiceContext = {
    config,
    db,
    keys,
    shutdownSignal: shutdown.signal,
    upstreamFetch,
    sources: [],
    sourceStatus,
    cursorSecret: loadOrCreateSecret(config.dataDir, 'cursor'),
    searchPages: new SearchPageDecoderPool(),
    jobs,
    retention,
    cache,
    openEoLocal: createLocalOpenEoBackend({ db, keys, jobs, linkSecret: loadOrCreateSecret(config.dataDir, 'openeo-links'), syncMaxBytes: config.openEoSyncMaxBytes }),
    openEoRemotes: new OpenEoBackends({ store: remoteBackends, secrets: secretStore, shutdownSignal: shutdown.signal, fetch: options.openEo?.fetch, sleep: options.openEo?.sleep }),
  };
  // Below the federation: status tracking sees the real upstream; the cache answers when it fails.
  context.sources = createSources(config).map((adapter) => context.cache.wrap(sourceStatus.track(adapter)));
  // Each job kind gets what it uses. Processing reads scenes and bytes in-process (no HTTP to
  // itself), so a job resumed right here runs before the service listens.
  context.jobs.register(offlinePrefetchJob({
    assets: cache.assets,
    bytes: cache.bytes,
    items: cache.items,
    cacheMaxBytes: config.cacheMaxBytes,
    shutdownSignal: shutdown.signal,
  }));
  const processing = processingJobKinds({
    scenes: cache.assets,
    bytes: cache.assetBytes,
    offline: cache.offline.isOffline,
    workerPool: rasterPool,
    shutdownSignal: shutdown.signal,
    // The area kinds' scenes: POST /api/v1/search in-process (paging with its cursor; no count).
    search: (body, signal) => federatedSearch(context.sources, parseSearchBody(body, { cursorSecret: context.cursorSecret }), {
      timeoutMs: config.upstreamTimeoutMs,
      countBudget: AREA_SEARCH_COUNT_BUDGET,
      fetch: upstreamFetch,
      signal,
      cursorSecret: context.cursorSecret,
      decodePage: context.searchPages.decode,
    }),
  });
  for (const kind of processing) context.jobs.register(kind);
  // Jobs with "on": "<back-end id>" run on that remote openEO back-end.
  context.jobs.registerOffload(openEoOffloadKind({
    backends: remoteBackends,
    secrets: secretStore,
    scenes: cache.assets,
    offline: cache.offline.isOffline,
    shutdownSignal: shutdown.signal,
    pollIntervalMs: config.openEoPollIntervalMs,
    sleep: options.openEo?.sleep,
    fetch: options.openEo?.fetch,
    suggestThresholds: options.openEo?.suggestThresholds,
  }));

  const app = Fastify({
    // The request log redacts keys (`?key=`, Authorization): see http/log-redaction.ts.
    logger: options.logger ? { level: 'info', ...REQUEST_LOG_OPTIONS } : false,
    bodyLimit: config.bodyLimitBytes,
    // Query strings are coerced to schema types; extra properties are rejected, not stripped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    return503OnClosing: true,
    ...connectionLimits(config),
    // fastify's own errors before routing (bad URL, over-long path segment) and the HTTP parser's
    // (stalled request, oversized headers) leave as JSON error bodies too.
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
  });

  // First, so that it sees every route, including those plugins add.
  const routes = collectRoutes(app);
  installErrorHandling(app);
  installHostGuard(app, config.host, () => boundPort);
  await app.register(cors, {
    origin: (origin, callback) => {
      // Same-origin requests carry no Origin header or our own; others only when configured.
      const own = `http://127.0.0.1:${boundPort}`;
      const allowed = !origin || origin === own || origin === `http://localhost:${boundPort}` || config.corsOrigins.includes(origin);
      callback(null, allowed);
    },
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Range'],
    // Location and OpenEO-Identifier: what openEO clients read from a created batch job.
    exposedHeaders: ['Content-Range', 'Accept-Ranges', 'ETag', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Location', 'OpenEO-Identifier'],
  });
  installAuth(app, context.keys, [
    { secret: config.sessionKey, id: 'session', name: 'desktop session', scopes: ADMIN_KEY_SCOPES },
  ], context.openEoLocal.tokens);
  await installRateLimit(app, config.rateLimitPerMinute);
  for (const register of ROUTE_MODULES) await register(app, context);
  await installRendererStatic(app, config.rendererDir);
  // Results of older versions measured, orphaned work dirs removed, retention applied.
  await context.jobs.tidyResults();

  return {
    app,
    context,
    secretStore,
    rasterPool,
    get routes() {
      return routes();
    },
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      boundPort = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return { url: `http://${host}:${boundPort}`, port: boundPort };
    },
    async close() {
      shutdown.abort();
      await app.close();
      await context.jobs.close();
      await rasterPool.close();
      await context.searchPages.close();
      context.cache.close();
      db.close();
    },
  };
}
