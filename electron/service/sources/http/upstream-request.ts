/**
 * One JSON request to an upstream catalog through `ctx.fetch`, with the failure model every
 * adapter shares:
 * - 429/503: wait `Retry-After` once if the wait fits before the deadline, else `rate_limited`;
 * - other non-2xx: `upstream_error`; unreadable JSON: `upstream_error` "malformed JSON …";
 * - abort/timeout of `ctx.signal`: the AbortError/TimeoutError propagates untouched, so the
 *   federation can tell a timeout from a failure.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { SourceId } from '../../stac/types';
import type { ItemOrigin } from '../normalize/item-origin';
import { UpstreamFailure, type SourceContext } from '../types';
import { jsonText } from './json-text';
import { parseRetryAfter } from './retry-after';
import { decodeSearchPage, viewSearchPage, type SearchPageView } from './search-page';

/** When the caller gives no deadline, waits longer than this are not worth it. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 2000;
/** Time left for the retried request itself after the wait. */
const RETRY_MARGIN_MS = 250;
const SNIPPET_LENGTH = 160;

export interface UpstreamRequest {
  source: SourceId;
  url: string;
  method: 'GET' | 'POST';
  body?: unknown;
  /** Answer null for HTTP 404 instead of failing (item lookups). */
  notFoundAsNull?: boolean;
}

function retryFits(waitMs: number, ctx: SourceContext): boolean {
  const budget = ctx.deadline !== undefined ? ctx.deadline - Date.now() - RETRY_MARGIN_MS : DEFAULT_MAX_RETRY_WAIT_MS;
  return waitMs <= budget;
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function send(request: UpstreamRequest, ctx: SourceContext): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/geo+json, application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await ctx.fetch(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: ctx.signal,
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new UpstreamFailure(request.source, 'upstream_error', `${host(request.url)} unreachable: ${reason}`);
  }
}

async function readBytes(response: Response, request: UpstreamRequest, ctx: SourceContext): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new UpstreamFailure(request.source, 'upstream_error', `${host(request.url)} broke off the response: ${(error as Error).message}`);
  }
}

async function snippet(response: Response, ctx: SourceContext): Promise<string> {
  try {
    const text = await response.text();
    return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return '(body unreadable)';
  }
}

/** The parsed JSON body of a 2xx answer, or null for a 404 when `notFoundAsNull`. */
export async function requestUpstreamJson(request: UpstreamRequest, ctx: SourceContext): Promise<unknown> {
  const bytes = await requestUpstreamBytes(request, ctx);
  if (bytes === null) return null;
  try {
    return JSON.parse(jsonText(bytes)) as unknown;
  } catch (error) {
    throw new UpstreamFailure(request.source, 'upstream_error', `malformed JSON from ${host(request.url)}: ${(error as Error).message}`);
  }
}

/**
 * A search page, decoded and normalized for `origin`: on a worker thread when the caller gives
 * `ctx.decodePage`, else here (search-page.ts).
 */
export async function requestSearchPage(request: UpstreamRequest, origin: ItemOrigin, ctx: SourceContext): Promise<SearchPageView> {
  const bytes = await requestUpstreamBytes(request, ctx);
  if (bytes === null) throw new UpstreamFailure(request.source, 'upstream_error', `${host(request.url)} answered HTTP 404`);
  const decoded = ctx.decodePage ? await ctx.decodePage(bytes, request.source, origin) : decodeSearchPage(bytes, request.source, origin);
  return viewSearchPage(decoded, request.source, host(request.url));
}

/** The body of a 2xx answer, or null for a 404 when `notFoundAsNull`. */
async function requestUpstreamBytes(request: UpstreamRequest, ctx: SourceContext): Promise<Uint8Array | null> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await send(request, ctx);
    const where = host(request.url);
    if (response.ok) return readBytes(response, request, ctx);
    if (response.status === 404 && request.notFoundAsNull) {
      await response.body?.cancel();
      return null;
    }
    if (response.status === 429 || response.status === 503) {
      const waitMs = parseRetryAfter(response.headers.get('retry-after'));
      await response.body?.cancel();
      if (attempt === 0 && waitMs !== undefined && retryFits(waitMs, ctx)) {
        // node:timers rejects with its own AbortError; what propagates is the signal's reason (see above).
        await delay(waitMs, undefined, { signal: ctx.signal }).catch((error: unknown) => { throw ctx.signal.aborted ? ctx.signal.reason : error; });
        continue;
      }
      const after = waitMs !== undefined ? `; Retry-After ${Math.ceil(waitMs / 1000)} s` : '';
      const what = response.status === 429 ? 'rate limited' : 'service unavailable';
      throw new UpstreamFailure(request.source, 'rate_limited', `${where} ${what} (HTTP ${response.status}${after})`, waitMs);
    }
    throw new UpstreamFailure(request.source, 'upstream_error', `${where} answered HTTP ${response.status}: ${await snippet(response, ctx)}`);
  }
}
