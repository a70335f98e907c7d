/** The parts of a STAC API POST /search body that all three catalogs spell the same way. */
import type { SourceQuery } from '../types';

/** Upstream page size: the caller's limit, capped so one request stays small. */
export const UPSTREAM_PAGE_CAP = 100;

export function pageLimit(query: SourceQuery, cap: number = UPSTREAM_PAGE_CAP): number {
  return Math.max(1, Math.min(Math.floor(query.limit), cap));
}

function instant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/**
 * RFC 3339 interval; open ends as `..` (Earth Search, Planetary Computer) or as explicit bounds
 * for servers that do not understand `..`.
 */
export function datetimeInterval(
  range: SourceQuery['datetime'],
  openEnds: { start: string; end: string } = { start: '..', end: '..' },
): string | undefined {
  if (!range || (range.start === null && range.end === null)) return undefined;
  if (range.start !== null && range.end !== null && range.start === range.end) return instant(range.start);
  const start = range.start === null ? openEnds.start : instant(range.start);
  const end = range.end === null ? openEnds.end : instant(range.end);
  return `${start}/${end}`;
}

/** bbox/intersects/ids/datetime/collections/limit, omitting what the query leaves open. */
export function commonSearchBody(
  query: SourceQuery,
  collections: string[],
  limit: number,
  openEnds?: { start: string; end: string },
): Record<string, unknown> {
  const body: Record<string, unknown> = { collections, limit };
  if (query.bbox) body.bbox = query.bbox;
  else if (query.intersects) body.intersects = query.intersects;
  if (query.ids && query.ids.length > 0) body.ids = query.ids;
  const datetime = datetimeInterval(query.datetime, openEnds);
  if (datetime) body.datetime = datetime;
  return body;
}
