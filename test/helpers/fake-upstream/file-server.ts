/**
 * Serves real local files (e.g. the fixture COGs) at chosen URL paths with HTTP Range support
 * (RFC 9110 §14): `bytes=a-b`, open `bytes=a-`, suffix `bytes=-n`; 416 with `Content-Range:
 * bytes * /size` when unsatisfiable; multi-range requests get the whole file (allowed). Files can
 * be marked as private Azure blobs, answered like Azure: 409 unsigned, 403 bad/expired token.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSignedRequest, type SasState } from './sas-tokens';

export interface ServedFile {
  localFile: string;
  contentType: string;
  /** Require a SAS token issued by the fake for this storage account/container. */
  azure?: { account: string; container: string };
}

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** The single byte range a `Range` header asks for within `size` bytes; undefined means "send everything". */
export function parseRange(header: string | undefined, size: number): ByteRange {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function contentTypeFor(path: string): string {
  if (/\.tiff?$/i.test(path)) return 'image/tiff';
  if (/\.json$/i.test(path)) return 'application/json';
  if (/\.jpe?g$/i.test(path)) return 'image/jpeg';
  return 'application/octet-stream';
}

export function servedFile(localFile: string, options: { contentType?: string; azure?: ServedFile['azure'] } = {}): ServedFile {
  statSync(localFile);
  return { localFile, contentType: options.contentType ?? contentTypeFor(localFile), azure: options.azure };
}

export function sendFile(req: IncomingMessage, res: ServerResponse, file: ServedFile, query: URLSearchParams, sas: SasState): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  if (file.azure) {
    const check = checkSignedRequest(sas, query, file.azure.account, file.azure.container);
    if (!check.ok) {
      res.writeHead(check.status, { 'content-type': 'application/xml', 'x-ms-error-code': check.code });
      res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${check.code}</Code><Message>${check.message}</Message></Error>`);
      return;
    }
  }
  const stats = statSync(file.localFile);
  const size = stats.size;
  const headers: Record<string, string | number> = {
    'accept-ranges': 'bytes',
    'content-type': file.contentType,
    etag: `"${size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
    'last-modified': stats.mtime.toUTCString(),
  };
  const range = req.headers.range?.includes(',') ? undefined : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  headers['content-length'] = size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  createReadStream(file.localFile, { start, end }).pipe(res);
}
