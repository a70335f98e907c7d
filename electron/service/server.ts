/**
 * Builds the ASTRA v1 service: one fastify instance on loopback with the host guard, CORS, auth,
 * rate limit, JSON errors, routes and the renderer. Used by `npm run serve`, the Electron main
 * process and the tests alike.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCacheServices } from './cache/cache-services';
import { offlinePrefetchJob } from './cache/offline-prefetch-job';
import type { ServiceConfig } from './config';
import { openDatabase } from './db/open-database';
import { installAuth } from './http/auth';
import { installErrorHandling } from './http/error-handler';
import { installHostGuard } from './http/host-guard';
import { installRateLimit } from './http/rate-limit';
import { installRendererStatic } from './http/renderer-static';
import { ROUTE_MODULES } from './http/routes';
import { JobQueue } from './jobs/queue';
import { WorkerPool } from './jobs/worker-pool';
import { SearchPageDecoderPool } from './search/search-page-decoder';
import { generateApiKey } from './keys/key-format';
import { KeyStore } from './keys/key-store';
import { loadOrCreateSecret } from './persistent-secret';
import { getSceneFromSources } from './search';
import { SourceStatusBoard } from './search/source-status';
import type { ServiceContext } from './service-context';
import { PROCESSING_JOB_KINDS } from './processing';
import { RetentionSettingsStore } from './settings/retention-settings';
import { createSources } from './sources';
import type { FreeSpaceProbe } from './storage/free-space';

export interface AstraService {
  app: FastifyInstance;
  context: ServiceContext;
  /** Every route registered (method + URL pattern), for the OpenAPI completeness test. */
  routes: ReadonlyArray<{ method: string; url: string }>;
  /** Starts listening; resolves with the URL actually bound (port 0 picks a free port). */
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

export interface CreateServiceOptions {
  logger?: boolean;
  /** Free space of the data dir's volume (default statfs); tests stand in a small disk. */
  freeSpace?: FreeSpaceProbe;
}

export async function createService(config: ServiceConfig, options: CreateServiceOptions = {}): Promise<AstraService> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'astra.sqlite'), undefined, config.sqliteNativeBinding);
  const shutdown = new AbortController();
  let boundPort = config.port;
  const sourceStatus = new SourceStatusBoard();
  const cache = createCacheServices(db, config, {
    shutdownSignal: shutdown.signal,
    upstreamScene: (id, signal) => getSceneFromSources(context.sources, id, { timeoutMs: config.upstreamTimeoutMs, fetch: globalThis.fetch, signal }),
  });
  const retention = new RetentionSettingsStore(db);
  const context: ServiceContext = {
    config,
    db,
    keys: new KeyStore(db),
    shutdownSignal: shutdown.signal,
    internalKey: generateApiKey(),
    localBaseUrl: () => `http://127.0.0.1:${boundPort}`,
    sources: [],
    sourceStatus,
    cursorSecret: loadOrCreateSecret(config.dataDir, 'cursor'),
    workerPool: new WorkerPool({ size: config.workerCount }),
    searchPages: new SearchPageDecoderPool(),
    jobs: new JobQueue({
      db,
      dataDir: config.dataDir,
      concurrency: config.workerCount,
      shutdownSignal: shutdown.signal,
      service: () => context,
      log: { error: (details, message) => app.log.error(details, message) },
      limits: config,
      freeSpace: options.freeSpace,
      retention: () => retention.policy(),
    }),
    retention,
    cache,
  };
  // Below the federation: status tracking sees the real upstream; the cache answers when it fails.
  context.sources = createSources(config).map((adapter) => context.cache.wrap(sourceStatus.track(adapter)));
  context.jobs.register(offlinePrefetchJob);
  for (const kind of PROCESSING_JOB_KINDS) context.jobs.register(kind);

  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: config.bodyLimitBytes,
    // Query strings are coerced to schema types; extra properties are rejected, not stripped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    return503OnClosing: true,
  });

  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url });
  });
  installErrorHandling(app);
  installHostGuard(app, config.host, () => boundPort);
  await app.register(cors, {
    origin: (origin, callback) => {
      // Same-origin requests carry no Origin header or our own; others only when configured.
      const own = `http://127.0.0.1:${boundPort}`;
      const allowed = !origin || origin === own || origin === `http://localhost:${boundPort}` || config.corsOrigins.includes(origin);
      callback(null, allowed);
    },
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Range'],
    exposedHeaders: ['Content-Range', 'Accept-Ranges', 'ETag', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
  });
  installAuth(app, context.keys, [config.sessionKey, context.internalKey]);
  await installRateLimit(app, config.rateLimitPerMinute);
  for (const register of ROUTE_MODULES) await register(app, context);
  await installRendererStatic(app, config.rendererDir);
  // Results of older versions measured, orphaned work dirs removed, retention applied.
  await context.jobs.tidyResults();

  return {
    app,
    context,
    routes,
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
      await context.workerPool.close();
      await context.searchPages.close();
      context.cache.close();
      db.close();
    },
  };
}
