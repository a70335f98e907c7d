/** Reads an Item Search request (POST JSON body or GET query string) the way STAC APIs do. */
import { readFields, type FieldsRequest } from './fields-extension';
import type { Json } from './fixture-files';
import type { SearchParams } from './stac-filter';

export interface SearchRequest {
  params: SearchParams;
  limit?: number;
  /** The POST body as sent (or the GET query as an object), for echoing into `next` links. */
  echo: Json;
  /** Paging fields (`next`, `token`, `page`) as sent. */
  paging: Json;
  /** The fields extension's include/exclude, when asked (fields-extension.ts). */
  fields?: FieldsRequest;
}

const PAGING_FIELDS = ['next', 'token', 'page'];

function splitList(value: string | null): string[] | undefined {
  return value ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : undefined;
}

function sortbyFromText(value: string): SearchParams['sortby'] {
  return value.split(',').map((entry) => {
    const direction = entry.startsWith('-') ? 'desc' : 'asc';
    return { field: entry.replace(/^[+-]/, '').trim(), direction };
  });
}

function fromQueryString(query: URLSearchParams): Json {
  const body: Json = {};
  for (const name of ['collections', 'ids']) if (query.has(name)) body[name] = splitList(query.get(name));
  if (query.has('bbox')) body.bbox = splitList(query.get('bbox'))?.map(Number);
  if (query.has('intersects')) body.intersects = JSON.parse(query.get('intersects') as string) as unknown;
  if (query.has('datetime')) body.datetime = query.get('datetime');
  if (query.has('limit')) body.limit = Number(query.get('limit'));
  if (query.has('query')) body.query = JSON.parse(query.get('query') as string) as unknown;
  if (query.has('sortby')) body.sortby = sortbyFromText(query.get('sortby') as string);
  if (query.has('fields')) body.fields = query.get('fields');
  for (const name of PAGING_FIELDS) if (query.has(name)) body[name] = name === 'page' ? Number(query.get(name)) : query.get(name);
  return body;
}

/** Throws with a message for a 400 when the request is not a search this fake understands. */
export function readSearchRequest(method: string, body: unknown, query: URLSearchParams): SearchRequest {
  const raw: Json = method === 'GET' ? fromQueryString(query) : (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {});
  if (method !== 'GET' && (typeof body !== 'object' || body === null)) throw new Error('request body must be a JSON object');
  const params: SearchParams = {
    collections: raw.collections as string[] | undefined,
    ids: raw.ids as string[] | undefined,
    bbox: raw.bbox as number[] | undefined,
    intersects: raw.intersects as SearchParams['intersects'],
    datetime: raw.datetime as string | undefined,
    query: raw.query as SearchParams['query'],
    sortby: typeof raw.sortby === 'string' ? sortbyFromText(raw.sortby) : (raw.sortby as SearchParams['sortby']),
  };
  if (params.bbox && params.intersects) throw new Error('only one of bbox and intersects is allowed');
  const echo: Json = {};
  const paging: Json = {};
  for (const [name, value] of Object.entries(raw)) (PAGING_FIELDS.includes(name) ? paging : echo)[name] = value;
  const limit = typeof raw.limit === 'number' && Number.isFinite(raw.limit) ? raw.limit : undefined;
  return { params, limit, echo, paging, fields: readFields(raw.fields) };
}
