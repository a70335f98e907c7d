/**
 * Fake Planetary Computer SAS API (`/api/sas/v1`): container-scoped read tokens shaped like the
 * recorded one (fixtures …sas-token_sentinel2l2a01.json), with a configurable lifetime, and the
 * check a blob store applies to a signed URL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FIXTURE, readFixtureJson } from './fixture-files';
import { sendJson, sendStacError } from './http-exchange';

export interface IssuedToken {
  account: string;
  container: string;
  expiresAt: number;
}

export interface SasState {
  /** Lifetime of newly issued tokens; change it between requests to test refreshing. */
  expirySeconds: number;
  /** By `sig` value. */
  issued: Map<string, IssuedToken>;
}

const STORAGE_BY_COLLECTION: Record<string, string> = {
  'sentinel-2-l2a': FIXTURE.pcS2Collection,
  'landsat-c2-l2': FIXTURE.pcLandsatCollection,
};

function sasTime(ms: number): string {
  return encodeURIComponent(new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
}

export function issueToken(state: SasState, account: string, container: string): { 'msft:expiry': string; token: string } {
  const now = Date.now();
  const expiresAt = now + state.expirySeconds * 1000;
  const sig = randomBytes(32).toString('base64');
  state.issued.set(sig, { account, container, expiresAt });
  const token = [
    `st=${sasTime(now - 15 * 60_000)}`, `se=${sasTime(expiresAt)}`, 'sp=rl', 'sv=2021-06-08', 'sr=c',
    `skoid=${randomUUID()}`, `sktid=${randomUUID()}`, `skt=${sasTime(now)}`, `ske=${sasTime(expiresAt + 86_400_000)}`,
    'sks=b', 'skv=2021-06-08', `sig=${encodeURIComponent(sig)}`,
  ].join('&');
  return { 'msft:expiry': new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'), token };
}

/** Routes below `/api/sas/v1`. */
export function handleSas(method: string, path: string, query: URLSearchParams, res: ServerResponse, state: SasState): void {
  if (method !== 'GET') return sendStacError(res, 405, 'method not allowed');
  const byContainer = /^\/token\/([^/]+)\/([^/]+)$/.exec(path);
  if (byContainer) return sendJson(res, 200, issueToken(state, decodeURIComponent(byContainer[1]), decodeURIComponent(byContainer[2])));
  const byCollection = /^\/token\/([^/]+)$/.exec(path);
  if (byCollection) {
    const fixture = STORAGE_BY_COLLECTION[decodeURIComponent(byCollection[1])];
    if (!fixture) return sendStacError(res, 404, `no storage known for collection ${byCollection[1]}`);
    const collection = readFixtureJson(fixture);
    return sendJson(res, 200, issueToken(state, String(collection['msft:storage_account']), String(collection['msft:container'])));
  }
  if (path === '/sign' && query.has('href')) {
    const href = query.get('href') as string;
    const match = /^https?:\/\/([^./]+)\.blob\.core\.windows\.net\/([^/]+)\//.exec(href) ?? /\/azure\/([^/]+)\/([^/]+)\//.exec(href);
    if (!match) return sendStacError(res, 400, `not a blob storage href: ${href}`);
    const issued = issueToken(state, match[1], match[2]);
    return sendJson(res, 200, { 'msft:expiry': issued['msft:expiry'], href: `${href}?${issued.token}` });
  }
  sendStacError(res, 404, `no route ${path}`);
}

export type SasCheck = { ok: true } | { ok: false; status: 403 | 409; code: string; message: string };

/** What Azure Blob Storage answers for a request to a private container. */
export function checkSignedRequest(state: SasState, query: URLSearchParams, account: string, container: string): SasCheck {
  const sig = query.get('sig');
  if (!sig) return { ok: false, status: 409, code: 'PublicAccessNotPermitted', message: 'Public access is not permitted on this storage account.' };
  const issued = state.issued.get(sig);
  if (!issued || issued.account !== account || issued.container !== container) {
    return { ok: false, status: 403, code: 'AuthenticationFailed', message: 'Server failed to authenticate the request. Signature did not match.' };
  }
  if (issued.expiresAt <= Date.now()) {
    return { ok: false, status: 403, code: 'AuthenticationFailed', message: 'Signed expiry time has to be after signed start time (token expired).' };
  }
  return { ok: true };
}
