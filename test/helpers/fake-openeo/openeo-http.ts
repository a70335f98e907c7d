/**
 * The request/response plumbing of the fake openEO back-end: an exchange per request, JSON and
 * openEO error answers (codes, HTTP statuses and messages from the vendored errors.json), the CORS
 * headers the openEO API asks every back-end to send, and the self-check of every API answer
 * against the vendored openapi.yaml.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { openEoResponseErrors } from '../openeo-openapi-validator';

export const SPEC_DIR = join(__dirname, '..', '..', '..', 'electron', 'service', 'openeo', 'spec');

interface ErrorDefinition { http: number; message: string }
const ERRORS = JSON.parse(readFileSync(join(SPEC_DIR, 'errors.json'), 'utf8')) as Record<string, ErrorDefinition>;

export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Link, Location, OpenEO-Costs, OpenEO-Identifier',
};

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path below the versioned API root (`/jobs/j-1`), or the full path outside it. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, the raw text if it was not JSON, or undefined when empty. */
  body: unknown;
  /** Whether `path` is an openEO API path whose answers are checked against openapi.yaml. */
  checked: boolean;
}

export interface ContractCheck {
  enabled: boolean;
  /** One line per answer that broke the openEO API contract. */
  violations: string[];
}

function check(exchange: Exchange, contract: ContractCheck, status: number, body: unknown, mediaType?: string): void {
  if (!contract.enabled || !exchange.checked) return;
  const errors = openEoResponseErrors({ path: exchange.path, method: exchange.method, status, body, mediaType });
  contract.violations.push(...errors.map((error) => `${exchange.method} ${exchange.path}: ${error}`));
}

export function sendJson(exchange: Exchange, contract: ContractCheck, status: number, body: unknown, headers: Record<string, string> = {}): void {
  check(exchange, contract, status, body);
  const text = JSON.stringify(body);
  exchange.res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  exchange.res.end(text);
}

export function sendEmpty(exchange: Exchange, contract: ContractCheck, status: number, headers: Record<string, string> = {}): void {
  check(exchange, contract, status, undefined);
  exchange.res.writeHead(status, { ...CORS_HEADERS, ...headers });
  exchange.res.end();
}

/** An openEO error answer: `{id, code, message, links}` with the HTTP status errors.json gives the code. */
export function sendError(exchange: Exchange, contract: ContractCheck, code: string, variables: Record<string, string> = {}, message?: string): void {
  const definition = ERRORS[code];
  if (!definition) throw new Error(`fake openEO: ${code} is not in errors.json`);
  const text = message ?? definition.message.replace(/\{(\w+)\}/g, (_, name: string) => variables[name] ?? `{${name}}`);
  sendJson(exchange, contract, definition.http, { id: `err-${Date.now().toString(36)}`, code, message: text, links: [] });
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Preflight answer for browser clients (the openEO API's CORS section). */
export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS_HEADERS,
    'access-control-allow-methods': 'OPTIONS, GET, POST, PATCH, PUT, DELETE',
    'access-control-allow-headers': 'Authorization, Content-Type',
  });
  res.end();
}
