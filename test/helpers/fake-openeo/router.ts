/**
 * Dispatches one request of the fake openEO back-end: CORS preflight, `/.well-known/openeo`, the
 * OIDC provider, signed downloads, and the API routes — checking the token first where a route
 * needs one (401 AuthenticationRequired without, 403 TokenInvalid with a bad or expired one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { wellKnownDocument } from './discovery-routes';
import { API_PREFIX, DOWNLOAD_PREFIX, OIDC_PREFIX, type FakeContext, type Route } from './fake-context';
import { readJsonBody, sendError, sendJson, sendPreflight, type Exchange } from './openeo-http';
import { serveDownload } from './result-routes';

export interface RecordedOpenEoRequest { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: unknown }

function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'));
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (match) return { route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])])) };
  }
  return undefined;
}

async function dispatch(exchange: Exchange, context: FakeContext, routes: readonly Route[], pathname: string): Promise<void> {
  const { req, res, method, body } = exchange;
  if (pathname === '/.well-known/openeo' && method === 'GET') return sendJson(exchange, context.contract, 200, wellKnownDocument(context));
  if (pathname.startsWith(`${OIDC_PREFIX}/`)) return context.oidc.handle(method, pathname.slice(OIDC_PREFIX.length), body, res);
  if (pathname.startsWith(`${DOWNLOAD_PREFIX}/`) && method === 'GET') return serveDownload(req, res, pathname, exchange.query, context);
  const found = exchange.checked ? matchRoute(routes, method, exchange.path) : undefined;
  if (!found) return sendError(exchange, context.contract, 'NotFound', {}, `No openEO endpoint ${method} ${pathname}`);
  let user = '';
  if (found.route.auth) {
    const auth = context.tokens.check(req.headers.authorization);
    if (!auth.ok) return sendError(exchange, context.contract, auth.code);
    user = auth.user;
  }
  await found.route.handler(exchange, context, found.params, user);
}

export async function handleRequest(req: IncomingMessage, res: ServerResponse, context: FakeContext, routes: readonly Route[], requests: RecordedOpenEoRequest[]): Promise<void> {
  const url = new URL(req.url ?? '/', context.origin);
  const method = req.method ?? 'GET';
  const body = await readJsonBody(req);
  requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers as Record<string, string>, body });
  if (method === 'OPTIONS') return sendPreflight(res);
  const inApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
  const path = inApi ? url.pathname.slice(API_PREFIX.length).replace(/(.)\/$/, '$1') || '/' : url.pathname;
  const exchange: Exchange = { req, res, method, path, query: url.searchParams, body, checked: inApi || url.pathname === '/.well-known/openeo' };
  try {
    await dispatch(exchange, context, routes, url.pathname);
  } catch (error) {
    if (!res.headersSent) sendError(exchange, context.contract, 'Internal', { message: String(error) });
    else res.destroy();
  }
}
