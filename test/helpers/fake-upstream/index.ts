/**
 * A fake of the three upstream catalogs (+ the PC SAS API and a blob/COG host) on 127.0.0.1 at a
 * random port, replaying the real recorded items with each catalog's own search, paging and
 * counting style, with per-catalog fault injection and a log of every request received. The one
 * fake Range + SAS file host of the tests: local files or in-memory bytes, private PC blobs
 * (also behind ASTRA_PC_BLOB_URL = `blobUrl`), redirects, and `faults.files` (latency, status,
 * hang, ignoreRange).
 *
 *   const fake = await startFakeUpstream();
 *   createSources({ earthSearchUrl: fake.earthSearchUrl, landsatLookUrl: fake.landsatLookUrl,
 *                   planetaryComputerUrl: fake.planetaryComputerUrl });
 *   fake.faults.planetaryComputer.status = { code: 429, retryAfter: 1, times: 1 };
 *   fake.serveFile('/cogs/B04.tif', bytes, { etag: '"v1"' });
 *   fake.bytesServed('/cogs/B04.tif');
 *   await fake.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CatalogExchange } from './catalog-exchange';
import { handleEarthSearch, type EarthSearchFakeOptions } from './earth-search-catalog';
import { applyTransportFaults, emptyFaults, type FaultCatalog, type FaultTable } from './faults';
import { sendFile, servedFile, type ServedFile, type ServeOptions } from './file-server';
import type { Json } from './fixture-files';
import { headerRecord, parseJsonBody, readBody, sendJson, type RecordedRequest } from './http-exchange';
import { realItems, volumeItems, type CatalogName } from './item-pool';
import { handleLandsatLook } from './landsatlook-catalog';
import { handlePlanetaryComputer } from './planetary-computer-catalog';
import { handleSas, type SasState } from './sas-tokens';

export type { CatalogFaults, FaultTable, StatusFault } from './faults';
export type { ServeOptions } from './file-server';
export type { RecordedRequest } from './http-exchange';
export type { CatalogName } from './item-pool';
export { cloneItemShifted } from './item-pool';

export interface FakeUpstreamOptions {
  /** Extra items CLONED from the real ones (dates shifted), per catalog, for paging/volume tests. */
  volume?: Partial<Record<CatalogName, number>>;
  /** Replace a catalog's pool (e.g. a hand-picked subset of real items). */
  items?: Partial<Record<CatalogName, Json[]>>;
  /** Append items to a catalog's pool (e.g. deliberately broken copies of real ones). */
  extraItems?: Partial<Record<CatalogName, Json[]>>;
  /** Lifetime of issued SAS tokens (default 3600 s). */
  sasExpirySeconds?: number;
  earthSearch?: EarthSearchFakeOptions;
  /**
   * Serve each item's JSON made once, as real catalogs serve stored documents (the search
   * benchmark: its fake shares the machine's cores with the service it measures). Items must not
   * be changed after they were first served.
   */
  storedItemJson?: boolean;
}

export interface FakeUpstream {
  url: string;
  earthSearchUrl: string;
  landsatLookUrl: string;
  planetaryComputerUrl: string;
  sasUrl: string;
  /** Base of private blobs (ASTRA_PC_BLOB_URL): `<blobUrl>/<account>/<container>/<blob path>`. */
  blobUrl: string;
  /** Mutable, per catalog; see CatalogFaults. */
  faults: FaultTable;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** The pools being served (mutable). */
  items: Record<CatalogName, Json[]>;
  sas: SasState;
  /** Serves a local file (a path) or in-memory bytes at URL path `path` (Range-capable); returns its absolute URL. */
  serveFile(path: string, source: string | Buffer, options?: ServeOptions): string;
  /** Answers requests for `path` with a redirect to `location` (as a file host may); returns its absolute URL. */
  serveRedirect(path: string, location: string, status?: 301 | 302 | 303 | 307 | 308): string;
  /** Serves a file or bytes as a private PC blob at `<blobUrl>/<account>/<container>/<blobPath>` (409 unless SAS-signed). */
  serveBlob(account: string, container: string, blobPath: string, source: string | Buffer): string;
  requestsTo(catalog: string, path?: string): RecordedRequest[];
  /** Requests for file bytes (anything but the catalogs and the SAS API), optionally of one path. */
  fileRequests(path?: string): RecordedRequest[];
  /** Body bytes those requests were sent. */
  bytesServed(path?: string): number;
  /** SAS tokens issued (requests to the SAS API). */
  tokenRequests(): number;
  /** Empties the request log. */
  resetLog(): void;
  resetFaults(): void;
  close(): Promise<void>;
}

const PREFIXES: Array<[string, FaultCatalog]> = [
  ['/earth-search/v1', 'earthSearch'],
  ['/planetary-computer/api/stac/v1', 'planetaryComputer'],
  ['/planetary-computer/api/sas/v1', 'sas'],
  ['/landsatlook/stac-server', 'landsatLook'],
];

function storedJson(): (feature: unknown) => string {
  const stored = new WeakMap<object, string>();
  return (feature) => {
    if (typeof feature !== 'object' || feature === null) return JSON.stringify(feature);
    let text = stored.get(feature);
    if (text === undefined) stored.set(feature, text = JSON.stringify(feature));
    return text;
  };
}

function pools(options: FakeUpstreamOptions): Record<CatalogName, Json[]> {
  const out = {} as Record<CatalogName, Json[]>;
  for (const catalog of ['earthSearch', 'planetaryComputer', 'landsatLook'] as const) {
    const base = options.items?.[catalog] ?? realItems(catalog);
    const clones = volumeItems(base, base, options.volume?.[catalog] ?? 0);
    out[catalog] = [...base, ...clones, ...(options.extraItems?.[catalog] ?? [])];
  }
  return out;
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const faults = emptyFaults();
  const requests: RecordedRequest[] = [];
  const items = pools(options);
  const featureJson = options.storedItemJson ? storedJson() : undefined;
  const sas: SasState = { expirySeconds: options.sasExpirySeconds ?? 3600, issued: new Map() };
  const files = new Map<string, ServedFile>();
  const redirects = new Map<string, { location: string; status: number }>();
  let origin = '';
  let closing: Promise<void> | undefined;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    const file = files.get(url.pathname);
    const redirect = redirects.get(url.pathname);
    const prefix = PREFIXES.find(([p]) => url.pathname === p || url.pathname.startsWith(`${p}/`));
    const catalog: FaultCatalog | undefined = file || redirect ? 'files' : prefix?.[1];
    const path = prefix && !file && !redirect ? url.pathname.slice(prefix[0].length) : url.pathname;
    const record: RecordedRequest = {
      catalog: catalog ?? 'unknown', method, path, query: Object.fromEntries(url.searchParams),
      body: parseJsonBody(text), headers: headerRecord(req), at: Date.now(),
    };
    requests.push(record);
    if (!catalog) {
      record.status = 404;
      return sendJson(res, 404, { code: 'NotFound', description: `no fake at ${url.pathname}` });
    }
    if (await applyTransportFaults(faults[catalog], res)) {
      if (res.headersSent) record.status = res.statusCode;
      return;
    }
    if (redirect) {
      record.status = redirect.status;
      res.writeHead(redirect.status, { location: redirect.location, 'content-length': 0 });
      return void res.end();
    }
    if (file) {
      Object.assign(record, sendFile(req, res, file, url.searchParams, sas, faults.files.ignoreRange === true));
      return;
    }
    if (catalog === 'sas') return handleSas(method, path, url.searchParams, res, sas);
    const exchange: CatalogExchange = {
      method, path, query: url.searchParams, body: parseJsonBody(text), res,
      root: `${origin}${prefix?.[0] ?? ''}`, faults: faults[catalog], items: items[catalog as CatalogName], featureJson,
    };
    if (catalog === 'earthSearch') handleEarthSearch(exchange, options.earthSearch ?? {});
    else if (catalog === 'planetaryComputer') handlePlanetaryComputer(exchange);
    else handleLandsatLook(exchange);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'InternalServerError', description: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const serveFile: FakeUpstream['serveFile'] = (path, source, fileOptions = {}) => {
    files.set(path, servedFile(path, source, fileOptions));
    return `${origin}${path}`;
  };
  const fileRequests = (path?: string) => requests.filter((r) => (r.catalog === 'files' || r.catalog === 'unknown') && (path === undefined || r.path === path));

  return {
    url: origin,
    earthSearchUrl: `${origin}/earth-search/v1`,
    landsatLookUrl: `${origin}/landsatlook/stac-server`,
    planetaryComputerUrl: `${origin}/planetary-computer/api/stac/v1`,
    sasUrl: `${origin}/planetary-computer/api/sas/v1`,
    blobUrl: `${origin}/azure`,
    faults,
    requests,
    items,
    sas,
    serveFile,
    serveRedirect: (path, location, status = 302) => {
      redirects.set(path, { location, status });
      return `${origin}${path}`;
    },
    serveBlob: (account, container, blobPath, source) => serveFile(`/azure/${account}/${container}/${blobPath.replace(/^\/+/, '')}`, source, { azure: { account, container } }),
    requestsTo: (catalog, path) => requests.filter((request) => request.catalog === catalog && (path === undefined || request.path === path)),
    fileRequests,
    bytesServed: (path) => fileRequests(path).reduce((sum, r) => sum + (r.bytes ?? 0), 0),
    tokenRequests: () => requests.filter((r) => r.catalog === 'sas' && r.path.startsWith('/token/')).length,
    resetLog: () => { requests.length = 0; },
    resetFaults: () => Object.assign(faults, emptyFaults()),
    // Idempotent: a test may take the upstream away mid-way and its rig close it again.
    close: () => closing ??= new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
