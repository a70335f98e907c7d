/**
 * Serves the built renderer at `/` so `http://127.0.0.1:P/?key=KEY` opens the full app in any
 * browser, and so the desktop window loads it from the same origin as the API (no CORS needed).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';

/** Connect only to this service; no remote scripts, no inline scripts; blob/data images for map canvases. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export async function installRendererStatic(app: FastifyInstance, rendererDir: string | null): Promise<void> {
  if (!rendererDir || !existsSync(rendererDir)) {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('ASTRA service is running. The renderer is not built; run `npm run build`.\n'));
    return;
  }
  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    index: ['index.html'],
    setHeaders: (res) => {
      res.setHeader('Content-Security-Policy', RENDERER_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    },
  });
}
