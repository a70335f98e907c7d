/**
 * The validators and `Range` of a GET or HEAD for a file's bytes, decided in one place for every
 * route that serves bytes (the COG proxy, job results), in the order of RFC 9110 §13.2.2: a
 * matching `If-None-Match` is 304; an `If-Range` that is not the current ETag drops the `Range`
 * (the whole file is sent); then `Range` gives 206, or 416 when it lies wholly past the end.
 * Sets Accept-Ranges, ETag, the status, Content-Length and Content-Range; the route sets its own
 * headers (type, caching) and sends the body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { echo } from '../api/echo';
import { AppError } from '../api/errors';
import { decideRange, etagMatches } from './byte-range';

/** What to send: nothing (304 Not Modified), or bytes `start..end` inclusive (empty when end < start). */
export type ByteAnswer = { kind: 'not-modified' } | { kind: 'bytes'; start: number; end: number };

export interface ServedBytes {
  size: number;
  /** Strong validator of these bytes. */
  etag: string;
  /** Names the bytes in a 416 message, e.g. "this asset". */
  what: string;
}

export function answerConditionalRange(request: FastifyRequest, reply: FastifyReply, bytes: ServedBytes): ByteAnswer {
  reply.header('accept-ranges', 'bytes').header('etag', bytes.etag);
  if (etagMatches(request.headers['if-none-match'], bytes.etag)) {
    reply.status(304);
    return { kind: 'not-modified' };
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === bytes.etag ? request.headers.range : undefined;
  const decision = decideRange(range, bytes.size);
  if (decision.kind === 'unsatisfiable') {
    reply.header('content-range', `bytes */${bytes.size}`);
    throw new AppError('range_not_satisfiable', `range: ${echo(range ?? '')} is outside the ${bytes.size} bytes of ${bytes.what}`, { parameter: 'range' });
  }
  const [start, end] = decision.kind === 'partial' ? [decision.start, decision.end] : [0, bytes.size - 1];
  reply.status(decision.kind === 'partial' ? 206 : 200).header('content-length', String(Math.max(0, end - start + 1)));
  if (decision.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${bytes.size}`);
  return { kind: 'bytes', start, end };
}
