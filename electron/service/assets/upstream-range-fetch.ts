/**
 * The COG byte cache's network side (a RangeFetcher): one Range request to the upstream file,
 * Planetary Computer hrefs signed first and re-signed once when the storage answers 403/409
 * (token expired or revoked mid-download). Errors name the unsigned url, never a token.
 * Requests go through the guarded upstream fetch (data-host policy, redirects checked hop by
 * hop), and a body is read only as far as the range asked for: an upstream that ignores `Range`
 * and sends a whole large file is cut off there (the connection is dropped), not buffered whole.
 */
import { AppError, isAppError } from '../api/errors';
import type { RangeFetcher, UpstreamBytes } from '../cache/range-fetcher';
import { blobRequestUrl } from './blob-url';
import type { SasSigner } from './sas-signer';

export interface RangeFetcherOptions {
  signer: SasSigner;
  /** The guarded upstream fetch (upstream-fetch.ts): every request and redirect hop checked against the data-host policy. */
  fetch: typeof fetch;
  /** ASTRA_PC_BLOB_URL: a mirror that serves `{account}/{container}/{path}`; null = Azure itself. */
  blobMirror?: string | null;
}

const CONTENT_RANGE = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i;
const UNSATISFIED_RANGE = /^bytes\s+\*\/(\d+)$/i;

export function createRangeFetcher(options: RangeFetcherOptions): RangeFetcher {
  async function request(url: string, range: { start: number; end: number }, signal: AbortSignal): Promise<Response> {
    const href = options.signer.needsSigning(url) ? (await options.signer.sign(url)).href : url;
    try {
      return await options.fetch(blobRequestUrl(href, options.blobMirror ?? null), {
        headers: { range: `bytes=${range.start}-${range.end}` },
        signal,
      });
    } catch (error) {
      if (isAppError(error)) throw new AppError(error.code, `${url}: ${error.message}`, { cause: error });
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
    return readResponse(url, response, range);
  };
}

/**
 * Bytes `from .. from+limit-1` of the body (the ones before `from` are read and dropped, never
 * held); `more` says whether the body went on past them, in which case the rest is not read and
 * the connection is dropped. `length` counts every byte the body had up to where reading stopped.
 */
async function readSlice(url: string, response: Response, from: number, limit: number): Promise<{ data: Buffer; more: boolean; length: number }> {
  if (!response.body) return { data: Buffer.alloc(0), more: false, length: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  const end = from + limit;
  let seen = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { data: Buffer.concat(chunks), more: false, length: seen };
      const chunkStart = seen;
      seen += value.byteLength;
      if (seen > from && chunkStart < end) chunks.push(value.subarray(Math.max(0, from - chunkStart), Math.min(value.byteLength, end - chunkStart)));
      if (seen > end) {
        await reader.cancel().catch(() => undefined);
        return { data: Buffer.concat(chunks), more: true, length: seen };
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw new AppError('upstream_error', `${url}: the upstream broke off the response: ${(error as Error).message}`, { cause: error });
  }
}

function declaredLength(response: Response): number | null {
  const raw = response.headers.get('content-length');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

async function readResponse(url: string, response: Response, range: { start: number; end: number }): Promise<UpstreamBytes> {
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
  if (response.status === 200) {
    // The whole file instead of the range: it is read up to the range's end and the rest is cut
    // off. Its size comes from Content-Length, or from the body's end when that comes first.
    const { data, more, length } = await readSlice(url, response, range.start, range.end - range.start + 1);
    const size = declaredLength(response) ?? (more ? null : length);
    if (size === null) throw new AppError('upstream_error', `${url}: upstream ignored Range and did not say how large the file is`);
    if (size < length || (!more && size !== length)) throw new AppError('upstream_error', `${url}: upstream sent a body that does not match its Content-Length`);
    return { status: 200, start: range.start, data, size, etag, contentType };
  }
  const match = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '');
  if (!match || match[3] === '*') {
    await response.body?.cancel();
    throw new AppError('upstream_error', `${url}: upstream sent a 206 without a usable Content-Range`);
  }
  const expected = Number(match[2]) - Number(match[1]) + 1;
  if (expected > range.end - range.start + 1 || expected <= 0) {
    await response.body?.cancel();
    throw new AppError('upstream_error', `${url}: upstream sent a 206 for more bytes than were asked for`);
  }
  const { data, more } = await readSlice(url, response, 0, expected);
  if (more || data.length !== expected) throw new AppError('upstream_error', `${url}: upstream sent a 206 without a usable Content-Range`);
  return { status: 206, start: Number(match[1]), data, size: Number(match[3]), etag, contentType };
}
