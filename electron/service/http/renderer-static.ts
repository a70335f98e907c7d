/**
 * Serves the built renderer at `/` so `http://127.0.0.1:P/?key=KEY` opens the full app in any
 * browser, and so the desktop window loads it from the same origin as the API (no CORS needed).
 * These routes are public (the app shell holds no data; it asks for a key). A path that tries to
 * leave the renderer folder answers the JSON 404, like any other file that is not there.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { markRoutesPublic } from './route-access';

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

/**
 * False for a path with a `..` segment however it is escaped (`%2e%2e`, `..%2f`, backslashes), a
 * NUL, or escapes that do not decode. The file server would refuse these itself, but as a
 * "403 Forbidden" error; refusing here sends them to the JSON 404 instead.
 */
export function isPlainRendererPath(pathname: string): boolean {
  let decoded: string;
  try {
    // `pathname` has been through decodeURI, which leaves %2F (/) and %5C (\) escaped.
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return !decoded.includes('\0') && !decoded.split(/[\\/]/).includes('..');
}

export async function installRendererStatic(app: FastifyInstance, rendererDir: string | null): Promise<void> {
  if (!rendererDir || !existsSync(rendererDir)) {
    app.get('/', { config: { access: 'public' } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('ASTRA service is running. The renderer is not built; run `npm run build`.\n'));
    return;
  }
  // An encapsulated scope, so only the file server's own routes are marked public.
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    await scope.register(fastifyStatic, staticOptions(rendererDir));
  });
}

function staticOptions(rendererDir: string) {
  return {
    root: rendererDir,
    prefix: '/',
    index: ['index.html'],
    allowedPath: (pathname: string) => isPlainRendererPath(pathname),
    setHeaders: (res: { setHeader(name: string, value: string): void }) => {
      res.setHeader('Content-Security-Policy', RENDERER_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    },
  };
}
