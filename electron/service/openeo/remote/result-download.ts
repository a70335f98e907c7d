/**
 * Downloads every result asset of a finished remote job into a directory: one file per asset
 * (named after the asset key, kept inside the directory), streamed, size-checked against
 * `file:size` and Content-Length, with byte progress. Asset hrefs are usually signed URLs that
 * need no Authorization (js-client sends none); one on the back-end's own origin that answers
 * 401/403 is fetched again with the session's token. A signed URL that expired (410
 * ResultLinkExpired) is replaced by listing the results again, once per asset.
 */
import { Job, type Connection } from '@openeo/js-client';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FetchLike } from './oidc-client';
import { RemoteOpenEoError } from './remote-errors';
import type { RemoteSession } from './remote-session';
import type { DownloadedAsset, DownloadProgress } from './types';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** A transfer that gets no bytes (or no answer) for this long fails (default 2 minutes). */
  idleTimeoutMs?: number;
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: FetchLike;
}

export interface DownloadedResults {
  files: DownloadedAsset[];
  /** The results document, asset hrefs without their query strings. */
  stac: Record<string, unknown>;
}

type StacAsset = Record<string, unknown> & { href: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

class LinkExpired extends Error {}

const duration = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** Aborts when `touch()` was not called for `ms`: a stalled transfer ends instead of hanging. */
class IdleWatch {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;

  constructor(private readonly ms: number) {
    this.timer = setTimeout(() => this.controller.abort(), ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get fired(): boolean {
    return this.controller.signal.aborted;
  }

  touch(): void {
    this.timer.refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assetsOf(stac: Record<string, unknown>): Map<string, StacAsset> {
  const assets = isRecord(stac.assets) ? stac.assets : {};
  return new Map(Object.entries(assets).filter((entry): entry is [string, StacAsset] => isRecord(entry[1]) && typeof entry[1].href === 'string'));
}

function withoutQuery(href: string): string {
  try {
    const url = new URL(href);
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return href.split(/[?#]/)[0];
  }
}

/** File names from asset keys: safe characters only, the href's extension when the key has none, unique. */
export function assetFileNames(assets: ReadonlyMap<string, StacAsset>): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const [key, asset] of assets) {
    let base = key.replace(/[^\w.-]+/g, '_').replace(/^[.]+/, '').slice(0, 120) || 'asset';
    if (!extname(base)) base += extname(new URL(asset.href, 'http://x/').pathname).replace(/[^\w.]/g, '').slice(0, 10);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, base.length - extname(base).length)}-${n}${extname(base)}`;
    taken.add(name.toLowerCase());
    names.set(key, name);
  }
  return names;
}

export async function downloadRemoteResults(session: RemoteSession, jobId: string, targetDir: string, options: DownloadOptions = {}): Promise<DownloadedResults> {
  const { signal, onProgress } = options;
  const idleMs = options.idleTimeoutMs ?? 120_000;
  const fetchImpl = options.fetch ?? fetch;
  const backendId = session.backend.id;
  const list = () => session.call('listing the results', (con: Connection) => new Job(con, jobId).getResultsAsStac(), signal) as Promise<Record<string, unknown>>;
  const stac = await list();
  const assets = assetsOf(stac);
  if (assets.size === 0) throw new RemoteOpenEoError('download_failed', backendId, `the remote job ${jobId} on ${backendId} lists no result files`, { remoteJobId: jobId });
  const names = assetFileNames(assets);
  const sizes = [...assets.values()].map((asset) => asset['file:size']);
  const totalBytes = sizes.every((size) => typeof size === 'number') ? (sizes as number[]).reduce((a, b) => a + b, 0) : null;
  const root = resolve(targetDir);
  await mkdir(root, { recursive: true });

  const failed = (key: string, why: string) => new RemoteOpenEoError('download_failed', backendId, `downloading result ${key} of the remote job ${jobId} from ${backendId} failed: ${why}`, { remoteJobId: jobId });
  let bytesSoFar = 0;
  const files: DownloadedAsset[] = [];

  const fetchAsset = async (key: string, href: string, watch: IdleWatch): Promise<Response> => {
    const transferSignal = signal ? AbortSignal.any([signal, watch.signal]) : watch.signal;
    let url: URL;
    try {
      url = new URL(href, session.apiUrl);
    } catch {
      throw failed(key, 'its href is not a URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) throw failed(key, `its href is not an https URL (${url.protocol})`);
    const get = (headers: Record<string, string>) => fetchImpl(url, { headers, signal: transferSignal, redirect: 'follow' }).catch((error: unknown) => {
      if (signal?.aborted) throw signal.reason;
      if (watch.fired) throw failed(key, `no answer within ${duration(idleMs)}`);
      throw failed(key, `no answer (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`);
    });
    let response = await get({});
    const ownOrigin = url.origin === new URL(session.apiUrl).origin;
    const authorization = session.authorization();
    if ((response.status === 401 || response.status === 403) && ownOrigin && authorization) {
      await response.body?.cancel();
      response = await get({ authorization });
    }
    if (response.status === 410) {
      await response.body?.cancel();
      throw new LinkExpired();
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw failed(key, `HTTP ${response.status}`);
    }
    return response;
  };

  const save = async (key: string, asset: StacAsset, response: Response, watch: IdleWatch): Promise<number> => {
    const transferSignal = signal ? AbortSignal.any([signal, watch.signal]) : watch.signal;
    const path = join(root, names.get(key) as string);
    if (!path.startsWith(root + sep)) throw failed(key, 'its file name leaves the target directory');
    const partial = `${path}.part`;
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        watch.touch();
        onProgress?.({ asset: key, bytes: bytesSoFar + bytes, totalBytes, assetsDone: files.length, assets: assets.size });
        callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>), count, createWriteStream(partial, { mode: 0o600 }), { signal: transferSignal });
    } catch (error) {
      await rm(partial, { force: true });
      if (signal?.aborted) throw signal.reason;
      throw failed(key, watch.fired ? `no data for ${duration(idleMs)}` : `the transfer broke off (${(error as Error).message})`);
    }
    const expected = typeof asset['file:size'] === 'number' ? asset['file:size'] : null;
    const length = response.headers.get('content-encoding') ? null : Number(response.headers.get('content-length') ?? NaN);
    const mismatch = expected !== null && bytes !== expected ? `file:size says ${expected} bytes` : length !== null && Number.isFinite(length) && bytes !== length ? `Content-Length says ${length} bytes` : null;
    if (mismatch) {
      await rm(partial, { force: true });
      throw failed(key, `got ${bytes} bytes but ${mismatch}`);
    }
    await rename(partial, path);
    files.push({
      key, path, bytes, type: typeof asset.type === 'string' ? asset.type : null,
      roles: Array.isArray(asset.roles) ? asset.roles.filter((role): role is string => typeof role === 'string') : [], href: withoutQuery(asset.href),
    });
    return bytes;
  };

  for (const [key, listed] of assets) {
    let asset = listed;
    let response: Response;
    const watch = new IdleWatch(idleMs);
    try {
      try {
        response = await fetchAsset(key, asset.href, watch);
      } catch (error) {
        if (!(error instanceof LinkExpired)) throw error;
        const fresh = assetsOf(await list()).get(key);
        if (!fresh) throw failed(key, 'its link expired and it is no longer listed');
        asset = fresh;
        watch.touch();
        response = await fetchAsset(key, asset.href, watch).catch((again: unknown) => {
          throw again instanceof LinkExpired ? failed(key, 'its link expired again right after listing the results') : again;
        });
      }
      bytesSoFar += await save(key, asset, response, watch);
    } finally {
      watch.stop();
    }
    onProgress?.({ asset: key, bytes: bytesSoFar, totalBytes, assetsDone: files.length, assets: assets.size });
  }

  const cleanAssets = Object.fromEntries([...assets].map(([key, asset]) => [key, { ...asset, href: withoutQuery(asset.href) }]));
  return { files, stac: { ...stac, assets: cleanAssets } };
}
