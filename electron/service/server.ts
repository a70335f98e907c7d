/**
 * Builds the ASTRA v1 service: one fastify instance on loopback with the host guard, CORS, auth,
 * rate limit, JSON errors, routes and the renderer. Used by `npm run serve`, the Electron main
 * process and the tests alike.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceConfig } from './config';
import { openDatabase } from './db/open-database';
import { installAuth } from './http/auth';
import { installErrorHandling } from './http/error-handler';
import { installHostGuard } from './http/host-guard';
import { installRateLimit } from './http/rate-limit';
import { installRendererStatic } from './http/renderer-static';
import { ROUTE_MODULES } from './http/routes';
import { generateApiKey } from './keys/key-format';
import { KeyStore } from './keys/key-store';
import type { ServiceContext } from './service-context';

export interface AstraService {
  app: FastifyInstance;
  context: ServiceContext;
  /** Starts listening; resolves with the URL actually bound (port 0 picks a free port). */
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

export async function createService(config: ServiceConfig, options: { logger?: boolean } = {}): Promise<AstraService> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'astra.sqlite'), undefined, config.sqliteNativeBinding);
  const shutdown = new AbortController();
  let boundPort = config.port;
  const context: ServiceContext = {
    config,
    db,
    keys: new KeyStore(db),
    shutdownSignal: shutdown.signal,
    internalKey: generateApiKey(),
    localBaseUrl: () => `http://127.0.0.1:${boundPort}`,
  };

  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: config.bodyLimitBytes,
    // Query strings are coerced to schema types; extra properties are rejected, not stripped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    return503OnClosing: true,
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
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Range'],
    exposedHeaders: ['Content-Range', 'Accept-Ranges', 'ETag', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
  });
  installAuth(app, context.keys, [config.sessionKey, context.internalKey]);
  await installRateLimit(app, config.rateLimitPerMinute);
  for (const register of ROUTE_MODULES) await register(app, context);
  await installRendererStatic(app, config.rendererDir);

  return {
    app,
    context,
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
      db.close();
    },
  };
}
