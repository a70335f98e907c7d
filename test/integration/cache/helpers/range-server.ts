/**
 * A tiny loopback upstream for the cache tests: serves files with single `Range` requests (206,
 * 416, ETag), logs every request, and plays Planetary Computer blob storage under `/blob/…`
 * (requests need a valid SAS `sig`: none → 409, expired or revoked → 403) with its token
 * endpoint `/sas/token/{account}/{container}`. Any `…/search` is an empty STAC catalog (the
 * scenes the tests use are put in the items cache directly). Knobs: response delay, ignoring Range.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  range: string | null;
  status: number;
  bytes: number;
}

interface Published {
  data: Buffer;
  contentType: string;
  etag: string;
}

export interface RangeServer {
  url: string;
  port: number;
  /** Base for ASTRA_PC_BLOB_URL. */
  blobUrl: string;
  /** Base for ASTRA_PC_SAS_URL. */
  sasUrl: string;
  put(path: string, data: Buffer, options?: { contentType?: string; etag?: string }): void;
  requests: LoggedRequest[];
  /** Requests for file bytes (not token requests) since the last reset. */
  fileRequests(path?: string): LoggedRequest[];
  bytesServed(path?: string): number;
  resetLog(): void;
  tokenRequests: number;
  /** Lifetime of the tokens issued from now on. */
  tokenTtlMs: number;
  /** Every token issued so far stops working. */
  revokeTokens(): void;
  /** Status for a missing/expired/revoked token: Azure says 403 for a bad token, 409 for none. */
  badTokenStatus: 403 | 409;
  /** Reject every blob request, valid token or not. */
  rejectAllBlobs: boolean;
  delayMs: number;
  ignoreRange: boolean;
  close(): Promise<void>;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export async function startRangeServer(): Promise<RangeServer> {
  const files = new Map<string, Published>();
  const tokens = new Map<string, number>();
  const server = createServer((req, res) => { void handle(req, res); });

  const state: RangeServer = {
    url: '',
    port: 0,
    blobUrl: '',
    sasUrl: '',
    put(path, data, options = {}) {
      files.set(path, { data, contentType: options.contentType ?? 'image/tiff', etag: options.etag ?? `"${randomBytes(6).toString('hex')}"` });
    },
    requests: [],
    fileRequests: (path) => state.requests.filter((r) => !r.path.startsWith('/sas/') && !r.path.endsWith('/search') && (path === undefined || r.path === path)),
    bytesServed: (path) => state.fileRequests(path).reduce((sum, r) => sum + r.bytes, 0),
    resetLog() { state.requests.length = 0; state.tokenRequests = 0; },
    tokenRequests: 0,
    tokenTtlMs: 3_600_000,
    revokeTokens() { tokens.clear(); },
    badTokenStatus: 403,
    rejectAllBlobs: false,
    delayMs: 0,
    ignoreRange: false,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  function send(req: IncomingMessage, res: ServerResponse, path: string, status: number, headers: Record<string, string>, body: Buffer): void {
    state.requests.push({ method: req.method ?? 'GET', path, range: req.headers.range ?? null, status, bytes: req.method === 'HEAD' ? 0 : body.length });
    res.writeHead(status, { 'content-length': String(body.length), ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const json = { 'content-type': 'application/json' };

    if (path.startsWith('/sas/token/')) {
      state.tokenRequests += 1;
      const sig = randomBytes(12).toString('base64url');
      const expiry = Date.now() + state.tokenTtlMs;
      tokens.set(sig, expiry);
      const se = encodeURIComponent(new Date(expiry).toISOString().replace(/\.\d+Z$/, 'Z'));
      const body = { 'msft:expiry': new Date(expiry).toISOString(), token: `se=${se}&sp=rl&sv=2021-06-08&sr=c&sig=${sig}` };
      return send(req, res, path, 200, json, Buffer.from(JSON.stringify(body)));
    }
    if (path.startsWith('/blob/')) {
      const sig = url.searchParams.get('sig');
      if (!sig) return send(req, res, path, 409, json, Buffer.from('{"code":"PublicAccessNotPermitted"}'));
      const expiry = tokens.get(sig);
      if (expiry === undefined || expiry <= Date.now() || state.rejectAllBlobs) {
        return send(req, res, path, state.badTokenStatus, json, Buffer.from('{"code":"AuthenticationFailed"}'));
      }
    }
    const file = files.get(path);
    if (!file && path.endsWith('/search')) return send(req, res, path, 200, json, Buffer.from('{"type":"FeatureCollection","features":[]}'));
    if (!file) return send(req, res, path, 404, json, Buffer.from('{"code":"NotFound"}'));
    const base = { 'content-type': file.contentType, etag: file.etag, 'accept-ranges': 'bytes' };
    const match = SINGLE_RANGE.exec(req.headers.range ?? '');
    if (!match || state.ignoreRange) return send(req, res, path, 200, base, file.data);
    const size = file.data.length;
    let start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
    let end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (start >= size) return send(req, res, path, 416, { 'content-range': `bytes */${size}` }, Buffer.alloc(0));
    start = Math.max(0, start);
    end = Math.max(start, end);
    return send(req, res, path, 206, { ...base, 'content-range': `bytes ${start}-${end}/${size}` }, file.data.subarray(start, end + 1));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.blobUrl = `${state.url}/blob`;
  state.sasUrl = `${state.url}/sas`;
  return state;
}
