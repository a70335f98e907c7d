/**
 * Serves files — real local files (e.g. the fixture COGs) or bytes held in memory — at chosen URL
 * paths with HTTP Range support (RFC 9110 §14): `bytes=a-b`, open `bytes=a-`, suffix `bytes=-n`;
 * 416 with `Content-Range: bytes * /size` when unsatisfiable; multi-range requests get the whole
 * file (allowed). Files can be marked as private Azure blobs, answered like Azure: 409 unsigned,
 * 403 bad/expired token. `ignoreRange` plays a host that answers every Range with the whole file.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSignedRequest, type SasState } from './sas-tokens';

export interface ServedFile {
  /** A local file, read at each request… */
  localFile?: string;
  /** …or bytes held in memory. */
  data?: Buffer;
  contentType: string;
  /** ETag of in-memory bytes (a local file's comes from its size and mtime). */
  etag?: string;
  /** Require a SAS token issued by the fake for this storage account/container. */
  azure?: { account: string; container: string };
}

export interface ServeOptions {
  contentType?: string;
  /** ETag of in-memory bytes; default a hash of them. */
  etag?: string;
  azure?: ServedFile['azure'];
}

/** What a file request was answered with (the request log keeps it). */
export interface FileAnswer {
  status: number;
  /** Body bytes sent (0 for HEAD). */
  bytes: number;
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

/** A local file (checked to exist now) or in-memory bytes, served at `path`. */
export function servedFile(path: string, source: string | Buffer, options: ServeOptions = {}): ServedFile {
  if (typeof source === 'string') {
    statSync(source);
    return { localFile: source, contentType: options.contentType ?? contentTypeFor(source), azure: options.azure };
  }
  const etag = options.etag ?? `"${createHash('sha256').update(source).digest('hex').slice(0, 16)}"`;
  return { data: source, contentType: options.contentType ?? contentTypeFor(path), etag, azure: options.azure };
}

function describe(file: ServedFile): { size: number; etag: string; lastModified?: string } {
  if (file.data) return { size: file.data.length, etag: file.etag ?? '""' };
  const stats = statSync(file.localFile as string);
  return { size: stats.size, etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`, lastModified: stats.mtime.toUTCString() };
}

export function sendFile(req: IncomingMessage, res: ServerResponse, file: ServedFile, query: URLSearchParams, sas: SasState, ignoreRange = false): FileAnswer {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return { status: 405, bytes: 0 };
  }
  if (file.azure) {
    const check = checkSignedRequest(sas, query, file.azure.account, file.azure.container);
    if (!check.ok) {
      const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${check.code}</Code><Message>${check.message}</Message></Error>`;
      res.writeHead(check.status, { 'content-type': 'application/xml', 'x-ms-error-code': check.code });
      res.end(body);
      return { status: check.status, bytes: Buffer.byteLength(body) };
    }
  }
  const { size, etag, lastModified } = describe(file);
  const headers: Record<string, string | number> = { 'accept-ranges': 'bytes', 'content-type': file.contentType, etag, ...(lastModified ? { 'last-modified': lastModified } : {}) };
  const range = ignoreRange || req.headers.range?.includes(',') ? undefined : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 });
    res.end();
    return { status: 416, bytes: 0 };
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  const length = size === 0 ? 0 : end - start + 1;
  headers['content-length'] = length;
  const status = range ? 206 : 200;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return { status, bytes: 0 };
  }
  if (file.data) res.end(file.data.subarray(start, end + 1));
  else createReadStream(file.localFile as string, { start, end }).pipe(res);
  return { status, bytes: length };
}
