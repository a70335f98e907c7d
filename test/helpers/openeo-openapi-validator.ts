/**
 * Validates openEO HTTP bodies against the vendored openEO API 1.2 document
 * (test/fixtures/openeo/openapi.yaml): a response for a path + method + status, or a request body.
 *
 *   openEoResponseErrors({ path: '/jobs/j-1', method: 'GET', status: 200, body })  // [] when valid
 *
 * `path` is relative to the versioned API root (`/jobs/j-1`, `/`, `/.well-known/openeo`).
 * OpenAPI 3.0 schemas are not JSON Schema; the dialect is adapted once (openapi-to-json-schema.ts)
 * and compiled with ajv, each operation's schema compiled on first use.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { adaptOpenApiSchemas, COMPONENTS_ID, type Schema } from './openapi-to-json-schema';

export const OPENEO_OPENAPI_FILE = join(__dirname, '..', 'fixtures', 'openeo', 'openapi.yaml');

interface MediaObject { schema?: Schema }
interface ResponseObject { $ref?: string; content?: Record<string, MediaObject> }
interface Operation { requestBody?: { $ref?: string; content?: Record<string, MediaObject> }; responses: Record<string, ResponseObject> }
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, ResponseObject> };
}

interface Loaded { doc: OpenApiDocument; ajv: Ajv; compiled: Map<string, ValidateFunction> }
let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const doc = parse(readFileSync(OPENEO_OPENAPI_FILE, 'utf8')) as OpenApiDocument;
  const adapted = adaptOpenApiSchemas(doc);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('commonmark', true);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: adapted.components.schemas } });
  loaded = { doc: adapted, ajv, compiled: new Map() };
  return loaded;
}

/** The spec path template matching a concrete path (literal templates win over `{param}` ones). */
export function matchOpenEoPath(path: string): string | undefined {
  const { doc } = load();
  const segments = path.split('/');
  let best: { template: string; params: number } | undefined;
  for (const template of Object.keys(doc.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    let params = 0;
    const fits = parts.every((part, i) => {
      if (/^\{.+\}$/.test(part)) return segments[i].length > 0 && ++params > 0;
      return part === segments[i];
    });
    if (fits && (!best || params < best.params)) best = { template, params };
  }
  return best?.template;
}

function operation(path: string, method: string): { template: string; op: Operation } | string {
  const template = matchOpenEoPath(path);
  if (!template) return `no openEO path matches ${path}`;
  const op = load().doc.paths[template][method.toLowerCase()];
  if (!op) return `${method.toUpperCase()} is not an operation of ${template}`;
  return { template, op };
}

function resolveResponse(response: ResponseObject): ResponseObject {
  const name = response.$ref?.replace('#/components/responses/', '');
  return name ? load().doc.components.responses[name] : response;
}

function responseFor(op: Operation, status: number): ResponseObject | undefined {
  const { responses } = op;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
  return key ? resolveResponse(responses[key]) : undefined;
}

function mediaFor(content: Record<string, MediaObject>, mediaType: string | undefined): MediaObject | undefined {
  const type = mediaType?.split(';')[0].trim().toLowerCase();
  if (type && content[type]) return content[type];
  if (type) return undefined;
  return content['application/json'] ?? Object.entries(content).find(([key]) => key.includes('json'))?.[1];
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

function validateAgainst(key: string, schema: Schema, body: unknown): string[] {
  const { ajv, compiled } = load();
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, validate = ajv.compile(schema));
  return validate(body) ? [] : describe(validate.errors).map((error) => `${key}: ${error}`);
}

function isEmpty(body: unknown): boolean {
  return body === undefined || body === '' || (body instanceof Uint8Array && body.length === 0);
}

export interface OpenEoResponseCheck {
  path: string;
  method: string;
  status: number;
  /** Parsed JSON, or undefined/'' for an empty body. */
  body: unknown;
  /** The response's Content-Type; selects the media type's schema (default: the JSON one). */
  mediaType?: string;
}

/** Every way the response breaks the openEO API 1.2 contract; [] when it conforms. */
export function openEoResponseErrors(check: OpenEoResponseCheck): string[] {
  const found = operation(check.path, check.method);
  if (typeof found === 'string') return [found];
  const label = `${check.method.toUpperCase()} ${found.template} ${check.status}`;
  const response = responseFor(found.op, check.status);
  if (!response) return [`${label}: status not allowed (allowed: ${Object.keys(found.op.responses).join(', ')})`];
  if (!response.content) return isEmpty(check.body) ? [] : [`${label}: the spec defines no body, got one`];
  const media = mediaFor(response.content, check.mediaType);
  if (!media) return [`${label}: media type ${check.mediaType} not allowed (allowed: ${Object.keys(response.content).join(', ')})`];
  if (!media.schema) return [];
  return validateAgainst(`${label} ${check.mediaType?.split(';')[0] ?? 'application/json'}`, media.schema, check.body);
}

/** Every way a JSON request body breaks the operation's request schema; [] when it conforms. */
export function openEoRequestErrors(path: string, method: string, body: unknown): string[] {
  const found = operation(path, method);
  if (typeof found === 'string') return [found];
  const schema = found.op.requestBody?.content?.['application/json']?.schema;
  if (!schema) return isEmpty(body) ? [] : [`${method.toUpperCase()} ${found.template}: the spec defines no request body`];
  return validateAgainst(`${method.toUpperCase()} ${found.template} request`, schema, body);
}
