/**
 * Normalized keys of an upstream page: equal searches (same filters in any order, same source,
 * same position) give equal keys, whatever the key order or id order they were written in. Pure.
 */
import { createHash } from 'node:crypto';
import type { SourcePosition, SourceQuery } from '../sources/types';

/** Coordinates are compared at ~1 cm, so float noise from parsing does not split the cache. */
const COORDINATE_DIGITS = 7;

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_DIGITS));
}

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  return value;
}

export function normalizeSourceQuery(query: SourceQuery): Record<string, unknown> {
  return {
    bbox: query.bbox?.map(round),
    intersects: query.intersects ? { type: query.intersects.type, coordinates: roundDeep(query.intersects.coordinates) } : undefined,
    ids: query.ids ? [...new Set(query.ids)].sort() : undefined,
    datetime: query.datetime ? { start: query.datetime.start, end: query.datetime.end } : undefined,
    cloudCoverLt: query.cloudCoverLt,
    collections: query.collections ? [...new Set(query.collections)].sort() : undefined,
    limit: query.limit,
    sortby: query.sortby,
  };
}

/** Key of "this search on this source", independent of the page. */
export function queryKey(source: string, query: SourceQuery): string {
  return createHash('sha256').update(`${source}\n${canonicalJson(normalizeSourceQuery(query))}`).digest('base64url').slice(0, 32);
}

/** Key of a position within that search ('' = the first page). */
export function positionKey(position: SourcePosition | null): string {
  return position === null ? '' : canonicalJson(position);
}
