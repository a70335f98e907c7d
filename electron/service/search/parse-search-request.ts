/**
 * Validates the parameters of `GET /api/v1/search` (query strings) and `POST /api/v1/search`
 * (a JSON body with typed values) into one FederatedSearchRequest. Every rejection is a 400
 * `invalid_parameter` naming the parameter (docs/api.md).
 */
import { echo } from '../api/echo';
import { invalidParameter } from '../api/errors';
import type { Bbox, Geometry, SourceId } from '../stac/types';
import type { SortBy } from '../sources/types';
import { crossesAntimeridian } from './antimeridian';
import { decodeCursor, requestFingerprint } from './cursor';
import { parseDatetime } from './parse-datetime';
import { parseBboxArray, parseBboxText, parseIntersects } from './parse-geometry';
import { parseSortby } from './parse-sortby';
import { isSourceId, KNOWN_SOURCE_IDS, parseScopedId } from './scoped-id';
import type { FederatedQuery, FederatedSearchRequest, ScopedId } from './types';

export const SEARCH_PARAMETERS = [
  'bbox', 'intersects', 'ids', 'datetime', 'cloud_cover_lt', 'sources', 'collections', 'limit', 'sortby', 'cursor',
] as const;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 500;

export interface ParseSearchOptions {
  /** Secret the cursor was signed with (see cursor.ts); defaults to the per-process one. */
  cursorSecret?: string;
}

type Mode = 'get' | 'post';
type Params = Record<string, unknown>;

const COLLECTION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** GET: values are strings, or arrays of strings when a parameter is repeated. */
export function parseSearchQuery(query: Params, options: ParseSearchOptions = {}): FederatedSearchRequest {
  return parseParams(query, 'get', options);
}

/** POST: the parsed JSON body. */
export function parseSearchBody(body: unknown, options: ParseSearchOptions = {}): FederatedSearchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParameter('body', 'must be a JSON object of search parameters');
  }
  return parseParams(body as Params, 'post', options);
}

function parseParams(raw: Params, mode: Mode, options: ParseSearchOptions): FederatedSearchRequest {
  for (const name of Object.keys(raw)) {
    if (!(SEARCH_PARAMETERS as readonly string[]).includes(name)) {
      throw invalidParameter(echo(name), `unknown parameter; expected one of ${SEARCH_PARAMETERS.join(', ')}`);
    }
  }
  const get = (name: string): unknown => (raw[name] === null ? undefined : raw[name]);

  const bbox = get('bbox') === undefined ? undefined : parseBbox(get('bbox'), mode);
  const intersects = parseIntersectsParam(get('intersects'), mode);
  const ids = get('ids') === undefined ? undefined : parseIds(listOf('ids', get('ids'), mode));
  requireOneSpatialFilter({ bbox, intersects, ids });
  const datetime = get('datetime') === undefined ? undefined : parseDatetime(textOf('datetime', get('datetime')));
  const cloudCoverLt = get('cloud_cover_lt') === undefined ? undefined : parseCloudCover(get('cloud_cover_lt'), mode);
  const collections = get('collections') === undefined ? undefined : parseCollections(listOf('collections', get('collections'), mode));
  const limit = get('limit') === undefined ? DEFAULT_LIMIT : parseLimit(get('limit'), mode);
  const sortby: SortBy = get('sortby') === undefined ? '-datetime' : parseSortby(get('sortby'), mode);
  const sources = selectSources(get('sources') === undefined ? undefined : listOf('sources', get('sources'), mode), ids);

  const query: FederatedQuery = {
    ...(bbox ? { bbox } : {}),
    ...(intersects ? { intersects } : {}),
    ...(ids ? { ids } : {}),
    ...(datetime ? { datetime } : {}),
    ...(cloudCoverLt !== undefined ? { cloudCoverLt } : {}),
    ...(collections ? { collections } : {}),
  };
  const request: FederatedSearchRequest = { sources, query, limit, sortby, crossesAntimeridian: bbox ? crossesAntimeridian(bbox) : false };
  const cursor = get('cursor');
  if (cursor === undefined) return request;
  const token = textOf('cursor', cursor);
  return { ...request, cursor: decodeCursor(token, requestFingerprint(request), options.cursorSecret) };
}

function textOf(name: string, value: unknown): string {
  if (Array.isArray(value)) throw invalidParameter(name, 'was given more than once');
  if (typeof value !== 'string') throw invalidParameter(name, `must be a string, got ${typeName(value)}`);
  if (value.trim() === '') throw invalidParameter(name, 'must not be empty');
  return value;
}

/** Comma-separated text (GET, also accepted in POST), repeated GET parameters, or a JSON array. */
function listOf(name: string, value: unknown, mode: Mode): string[] {
  const pieces = Array.isArray(value) ? value : [value];
  if (!pieces.every((v) => typeof v === 'string')) throw invalidParameter(name, `must be ${mode === 'post' ? 'an array of strings' : 'a comma-separated list'}`);
  const split = mode === 'get' || !Array.isArray(value) ? (pieces as string[]).flatMap((p) => p.split(',')) : (pieces as string[]);
  const items = split.map((p) => p.trim());
  if (items.length === 0 || items.some((p) => p === '')) throw invalidParameter(name, 'must be a non-empty list without empty entries');
  return [...new Set(items)];
}

function parseBbox(value: unknown, mode: Mode): Bbox {
  return mode === 'get' || typeof value === 'string' ? parseBboxText(textOf('bbox', value)) : parseBboxArray(value);
}

function parseIntersectsParam(value: unknown, mode: Mode): Geometry | undefined {
  if (value === undefined) return undefined;
  if (mode === 'get') throw invalidParameter('intersects', 'is only accepted in a POST body, as a GeoJSON geometry');
  return parseIntersects(value);
}

/** As many ids as one page can hold (`limit`'s maximum); a longer list is refused, not cut. */
function parseIds(values: string[]): ScopedId[] {
  if (values.length > MAX_LIMIT) throw invalidParameter('ids', `${values.length} ids given; at most ${MAX_LIMIT} (the largest limit) per search`);
  return values.map((value) => parseScopedId(value, 'ids'));
}

function requireOneSpatialFilter(given: { bbox?: unknown; intersects?: unknown; ids?: unknown }): void {
  const present = (['bbox', 'intersects', 'ids'] as const).filter((name) => given[name] !== undefined);
  if (present.length === 0) throw invalidParameter('bbox', 'one of bbox, intersects or ids is required');
  if (present.length > 1) throw invalidParameter(present[1], `give only one of bbox, intersects, ids (got ${present.join(' and ')})`);
}

function parseCloudCover(value: unknown, mode: Mode): number {
  const number = numberOf('cloud_cover_lt', value, mode);
  if (number < 0 || number > 100) throw invalidParameter('cloud_cover_lt', `${number} is outside 0..100`);
  return number;
}

function parseLimit(value: unknown, mode: Mode): number {
  const number = numberOf('limit', value, mode);
  if (!Number.isInteger(number)) throw invalidParameter('limit', `${number} is not an integer`);
  if (number < 1 || number > MAX_LIMIT) throw invalidParameter('limit', `${number} is outside 1..${MAX_LIMIT}`);
  return number;
}

function numberOf(name: string, value: unknown, mode: Mode): number {
  if (mode === 'post' && typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidParameter(name, 'must be a finite number');
    return value;
  }
  if (mode === 'post' && typeof value !== 'string') throw invalidParameter(name, `must be a number, got ${typeName(value)}`);
  const text = textOf(name, value).trim();
  const number = Number(text);
  if (!Number.isFinite(number)) throw invalidParameter(name, `"${echo(text)}" is not a number`);
  return number;
}

function parseCollections(values: string[]): string[] {
  const bad = values.find((value) => !COLLECTION_ID.test(value));
  if (bad !== undefined) throw invalidParameter('collections', `"${echo(bad)}" is not a collection id`);
  return values;
}

/**
 * `sources` defaults to every known source; with `ids`, to the sources those ids name. An id whose
 * source was left out of an explicit `sources` is a contradiction, not a silent filter.
 */
function selectSources(listed: string[] | undefined, ids: ScopedId[] | undefined): SourceId[] {
  for (const name of listed ?? []) {
    if (!isSourceId(name)) throw invalidParameter('sources', `unknown source "${echo(name)}"; known sources: ${KNOWN_SOURCE_IDS.join(', ')}`);
  }
  const chosen = new Set<string>(listed ?? (ids ? ids.map((id) => id.source) : KNOWN_SOURCE_IDS));
  const outside = ids?.find((id) => !chosen.has(id.source));
  if (outside) throw invalidParameter('ids', `"${echo(`${outside.source}:${outside.upstreamId}`)}" is from source ${outside.source}, which sources leaves out`);
  return KNOWN_SOURCE_IDS.filter((id) => chosen.has(id));
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
}
