/**
 * The COG byte cache's network side (a RangeFetcher): one Range request to the upstream file,
 * Planetary Computer hrefs signed first and re-signed once when the storage answers 403/409
 * (token expired or revoked mid-download). Errors name the unsigned url, never a token.
 */
import { AppError } from '../api/errors';
import type { RangeFetcher, UpstreamBytes } from '../cache/range-fetcher';
import { blobRequestUrl } from './blob-url';
import type { SasSigner } from './sas-signer';

export interface RangeFetcherOptions {
  signer: SasSigner;
  fetch?: typeof fetch;
  /** ASTRA_PC_BLOB_URL: a mirror that serves `{account}/{container}/{path}`; null = Azure itself. */
  blobMirror?: string | null;
}

const CONTENT_RANGE = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i;
const UNSATISFIED_RANGE = /^bytes\s+\*\/(\d+)$/i;

export function createRangeFetcher(options: RangeFetcherOptions): RangeFetcher {
  const fetchFn = options.fetch ?? fetch;

  async function request(url: string, range: { start: number; end: number }, signal: AbortSignal): Promise<Response> {
    const href = options.signer.needsSigning(url) ? (await options.signer.sign(url)).href : url;
    try {
      return await fetchFn(blobRequestUrl(href, options.blobMirror ?? null), {
        headers: { range: `bytes=${range.start}-${range.end}` },
        signal,
        redirect: 'follow',
      });
    } catch (error) {
      const timedOut = signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
      throw new AppError(timedOut ? 'upstream_timeout' : 'upstream_error', `${url}: ${timedOut ? 'timed out' : (error as Error).message}`, { cause: error });
    }
  }

  return async (url, range, signal) => {
    let response = await request(url, range, signal);
    if ((response.status === 403 || response.status === 409) && options.signer.needsSigning(url)) {
      await response.body?.cancel();
      options.signer.invalidate(url);
      response = await request(url, range, signal);
    }
    return readResponse(url, response);
  };
}

async function readResponse(url: string, response: Response): Promise<UpstreamBytes> {
  const etag = response.headers.get('etag');
  const contentType = response.headers.get('content-type');
  if (response.status === 416) {
    await response.body?.cancel();
    const total = UNSATISFIED_RANGE.exec(response.headers.get('content-range') ?? '');
    if (total && Number(total[1]) === 0) return { status: 206, start: 0, data: Buffer.alloc(0), size: 0, etag, contentType };
    throw new AppError('upstream_error', `${url}: upstream refused the byte range (416)`);
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new AppError('upstream_error', `${url}: upstream answered HTTP ${response.status}`);
  }
  const data = Buffer.from(await response.arrayBuffer());
  if (response.status === 200) return { status: 200, start: 0, data, size: data.length, etag, contentType };
  const match = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '');
  if (!match || match[3] === '*' || Number(match[2]) - Number(match[1]) + 1 !== data.length) {
    throw new AppError('upstream_error', `${url}: upstream sent a 206 without a usable Content-Range`);
  }
  return { status: 206, start: Number(match[1]), data, size: Number(match[3]), etag, contentType };
}
