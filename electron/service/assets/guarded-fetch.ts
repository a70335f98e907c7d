/**
 * The fetch every upstream request of the service goes through: each URL — the first and every
 * redirect hop, followed by hand (`redirect: 'manual'`, at most MAX_REDIRECTS) — must pass the
 * data-host policy before a request is made, and a host that is not a configured origin must not
 * resolve to a loopback, link-local or private address (checked with dns.lookup; see
 * `docs/api.md`: the connection resolves the name once more, so a DNS server that answers
 * differently the second time is not caught — only configured and documented hosts get this far).
 * Refusals are `upstream_error` AppErrors naming the host.
 */
import { lookup } from 'node:dns/promises';
import { AppError } from '../api/errors';
import type { DataHostPolicy } from './data-host-policy';
import { isPrivateAddress } from './private-address';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Verdicts on host names are reused this long (every COG range read would otherwise ask DNS). */
const DNS_VERDICT_TTL_MS = 60_000;
const MAX_DNS_VERDICTS = 512;

export type Resolver = (hostname: string) => Promise<string[]>;

export interface GuardedFetchOptions {
  fetch?: typeof fetch;
  /** All addresses of a name; defaults to dns.lookup (what the connection itself uses). */
  resolve?: Resolver;
  now?: () => number;
}

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export function refused(host: string, reason: string): AppError {
  return new AppError('upstream_error', `refused to fetch from ${host}: it ${reason}`);
}

export function createGuardedFetch(policy: DataHostPolicy, options: GuardedFetchOptions = {}): typeof fetch {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const resolve = options.resolve ?? systemResolver;
  const now = options.now ?? Date.now;
  const verdicts = new Map<string, { at: number; privateAddress: string | null }>();

  async function privateAddressOf(hostname: string): Promise<string | null> {
    const known = verdicts.get(hostname);
    if (known && now() - known.at < DNS_VERDICT_TTL_MS) return known.privateAddress;
    let addresses: string[];
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      // Let the request fail the way an unresolvable name fails (fetch's own lookup).
      if ((error as NodeJS.ErrnoException).code === 'ENOTFOUND') return null;
      throw new AppError('upstream_error', `${hostname} could not be resolved: ${(error as Error).message}`, { cause: error });
    }
    const privateAddress = addresses.find(isPrivateAddress) ?? null;
    if (verdicts.size >= MAX_DNS_VERDICTS) verdicts.clear();
    verdicts.set(hostname, { at: now(), privateAddress });
    return privateAddress;
  }

  /** The URL to request, once the policy and DNS allow it. */
  async function admit(href: string): Promise<string> {
    const decision = policy.check(href);
    if (!decision.allowed) throw refused(decision.host, decision.reason);
    if (!decision.configured) {
      const hostname = decision.url.hostname.replace(/^\[|\]$/g, '');
      const address = await privateAddressOf(hostname);
      if (address) throw refused(decision.host, `resolves to ${address}, a loopback, link-local or private address`);
    }
    return decision.url.href;
  }

  return async function guardedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    if (input instanceof Request) throw new TypeError('guarded fetch takes a URL, not a Request');
    let url = await admit(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    let headers = new Headers(init.headers);
    for (let hop = 0; ; hop += 1) {
      const response = await fetchFn(url, { ...init, method, body, headers, redirect: 'manual' });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
      await response.body?.cancel();
      const from = new URL(url).host;
      if (hop >= MAX_REDIRECTS) throw new AppError('upstream_error', `${from} redirected more than ${MAX_REDIRECTS} times`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new AppError('upstream_error', `${from} redirected to an invalid URL`);
      }
      // As fetch does: 303 (and 301/302 after a POST) continue as a GET without the body.
      if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = new Headers(headers);
        headers.delete('content-type');
      }
      url = await admit(next.href);
    }
  } as typeof fetch;
}
