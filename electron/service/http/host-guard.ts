/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1 still sends its own
 * Host header, so only loopback names (and the configured bind host) at our port are served.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../api/errors';

export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (bindHost && bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  return new Set([...names].map((name) => `${name}:${port}`));
}

export function installHostGuard(app: FastifyInstance, bindHost: string, getPort: () => number): void {
  let cache: { port: number; hosts: Set<string> } | null = null;
  app.addHook('onRequest', async (request) => {
    const port = getPort();
    if (!cache || cache.port !== port) cache = { port, hosts: allowedHosts(bindHost, port) };
    const host = (request.headers.host ?? '').toLowerCase();
    if (!cache.hosts.has(host)) {
      throw new AppError('forbidden', `host "${host}" is not allowed; use http://127.0.0.1:${port}`);
    }
  });
}
