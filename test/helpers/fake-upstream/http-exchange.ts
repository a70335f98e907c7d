/** Small request/response helpers and the request log of the fake upstream. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RecordedRequest {
  catalog: string;
  method: string;
  /** Path without the catalog prefix, e.g. `/search`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text if it was not JSON, or undefined. */
  body: unknown;
  headers: Record<string, string>;
  at: number;
  /** For file requests, once answered: the status and the body bytes sent. */
  status?: number;
  bytes?: number;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  sendText(res, status, JSON.stringify(body), type);
}

function sendText(res: ServerResponse, status: number, text: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A search page whose features are written with `featureJson` (a catalog that stores its items as
 * JSON documents, FakeUpstreamOptions.storedItemJson), else as sendJson writes them.
 */
export function sendFeatureCollection(res: ServerResponse, body: Record<string, unknown> & { features: unknown[] }, type: string, featureJson?: (feature: unknown) => string): void {
  if (!featureJson) return sendJson(res, 200, body, type);
  const members = Object.entries(body).map(([key, value]) =>
    `${JSON.stringify(key)}:${key === 'features' ? `[${body.features.map(featureJson).join(',')}]` : JSON.stringify(value)}`);
  sendText(res, 200, `{${members.join(',')}}`, type);
}

export function sendStacError(res: ServerResponse, status: number, description: string): void {
  sendJson(res, status, { code: status === 404 ? 'NotFound' : 'BadRequest', description });
}

export function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
