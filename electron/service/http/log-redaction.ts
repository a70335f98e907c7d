/**
 * The request log (ASTRA_LOG=1) never holds a key: the renderer's `?key=` (and similar query
 * parameters) and anything shaped like an ASTRA key are replaced in logged URLs, and the
 * Authorization header is censored should any serializer ever include headers.
 */
import type { FastifyRequest } from 'fastify';

export const REDACTED = '[redacted]';

/** Query parameters whose value is a credential, compared case-insensitively after decoding. */
const SECRET_PARAMETERS = new Set(['key', 'api_key', 'apikey', 'access_token', 'authorization']);
/** An ASTRA key anywhere in the text, percent-encoded or not (the base62 body has no escapes). */
const KEY_PATTERN = /astra_sk_live_[0-9A-Za-z]+/g;

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' ')).trim().toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** The URL as sent, with credential query values and key-shaped text replaced by [redacted]. */
export function redactUrl(url: string): string {
  const questionMark = url.indexOf('?');
  const path = questionMark === -1 ? url : url.slice(0, questionMark);
  const query = questionMark === -1 ? null : url.slice(questionMark + 1);
  const redactedQuery = query === null ? null : query.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    if (equals === -1) return pair;
    return SECRET_PARAMETERS.has(decodeName(pair.slice(0, equals))) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
  }).join('&');
  const rebuilt = redactedQuery === null ? path : `${path}?${redactedQuery}`;
  return rebuilt.replace(KEY_PATTERN, REDACTED);
}

/** Fastify `logger` options: fastify's request fields, with the URL redacted; headers censored. */
export const REQUEST_LOG_OPTIONS = {
  serializers: {
    req: (request: FastifyRequest) => ({
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    }),
  },
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'], censor: REDACTED },
};
