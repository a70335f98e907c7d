/**
 * What the COG byte cache needs from the network: one byte range of an upstream file. The asset
 * layer implements it (signing, re-signing on 403/409); tests may pass their own.
 */

export interface UpstreamBytes {
  /** 206: `data` is the requested range; 200: the server ignored Range — `data` is still only the requested range, cut from the whole file it sent. */
  status: 200 | 206;
  /** File offset of `data[0]`. */
  start: number;
  data: Buffer;
  /** Total size of the file. */
  size: number;
  etag: string | null;
  contentType: string | null;
}

/** Fetches bytes `range.start..range.end` (inclusive) of the file at the UNSIGNED `url`. */
export type RangeFetcher = (url: string, range: { start: number; end: number }, signal: AbortSignal) => Promise<UpstreamBytes>;
