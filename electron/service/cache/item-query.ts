/**
 * The SQL of an items-cache query (offline search): R*Tree first when there is a bbox, then the
 * exact filters on the (small) item row, sorted like the federation sorts (rank, then id) with
 * keyset paging. It selects row numbers only; the caller reads the JSON of the page's items.
 * Pure: returns SQL text and named parameters for better-sqlite3.
 */
import type { Bbox } from '../stac/types';
import type { SortBy } from '../sources/types';
import { msToDay } from './item-row';

/** Where the previous page ended: its last sort value (null = no value) and id. */
export interface ItemKeyset {
  k: number | null;
  id: string;
}

export interface ItemQuery {
  /** WGS84; west > east crosses the antimeridian. */
  bbox?: Bbox;
  /** ISO 8601 instants; null = open end. */
  datetime?: { start: string | null; end: string | null };
  cloudCoverLt?: number;
  sources?: string[];
  collections?: string[];
  /** Scoped ids `<source>:<upstream id>`. */
  ids?: string[];
  limit: number;
  sortby: SortBy;
  after?: ItemKeyset;
}

export interface BuiltQuery {
  sql: string;
  params: Record<string, string | number>;
}

const SORT: Record<SortBy, { column: string; direction: 'ASC' | 'DESC' }> = {
  '-datetime': { column: 'i.datetime_ms', direction: 'DESC' },
  datetime: { column: 'i.datetime_ms', direction: 'ASC' },
  cloud_cover: { column: 'i.cloud_cover', direction: 'ASC' },
};

function boxFilter(tag: string, params: BuiltQuery['params']): string {
  const time = params.d0 !== undefined ? ' AND max_day >= @d0 AND min_day <= @d1' : '';
  const cloud = params.cloud !== undefined ? ' AND min_cloud < @cloud' : '';
  return `SELECT box_id >> 1 AS item_no FROM cached_item_boxes
      WHERE min_lon <= @e${tag} AND max_lon >= @w${tag} AND min_lat <= @n AND max_lat >= @s${time}${cloud}`;
}

function spatialSource(q: ItemQuery, params: BuiltQuery['params']): string {
  const [west, south, east, north] = q.bbox as Bbox;
  const ranges: Array<[number, number]> = west <= east ? [[west, east]] : [[west, 180], [-180, east]];
  params.s = south;
  params.n = north;
  ranges.forEach(([w, e], i) => { params[`w${i}`] = w; params[`e${i}`] = e; });
  // An item crossing the antimeridian has two boxes; DISTINCT / UNION return it once.
  const union = ranges.length === 1
    ? boxFilter('0', params).replace('SELECT', 'SELECT DISTINCT')
    : ranges.map((_, i) => boxFilter(String(i), params)).join('\n      UNION ');
  // CROSS JOIN keeps the R*Tree as the outer loop: a bbox is the most selective filter we have.
  return `(${union}) AS hit CROSS JOIN cached_items AS i ON i.item_no = hit.item_no`;
}

function keysetFilter(sortby: SortBy, after: ItemKeyset, params: BuiltQuery['params']): string {
  const { column, direction } = SORT[sortby];
  params.after_id = after.id;
  if (after.k === null) return `(${column} IS NULL AND i.id > @after_id)`;
  params.after_k = after.k;
  const beyond = direction === 'DESC' ? '<' : '>';
  return `(${column} ${beyond} @after_k OR (${column} = @after_k AND i.id > @after_id) OR ${column} IS NULL)`;
}

export function buildItemQuery(q: ItemQuery): BuiltQuery {
  const params: BuiltQuery['params'] = { limit: q.limit + 1 };
  const where: string[] = [];
  const start = q.datetime?.start ? Date.parse(q.datetime.start) : null;
  const end = q.datetime?.end ? Date.parse(q.datetime.end) : null;
  if (start !== null || end !== null) {
    params.d0 = start === null ? -1e7 : msToDay(start);
    params.d1 = end === null ? 1e7 : msToDay(end);
  }
  if (start !== null) { params.t0 = start; where.push('i.datetime_ms >= @t0'); }
  if (end !== null) { params.t1 = end; where.push('i.datetime_ms <= @t1'); }
  if (q.cloudCoverLt !== undefined) { params.cloud = q.cloudCoverLt; where.push('i.cloud_cover < @cloud'); }
  if (q.sources?.length) { params.sources = JSON.stringify(q.sources); where.push('i.source IN (SELECT value FROM json_each(@sources))'); }
  if (q.collections?.length) { params.collections = JSON.stringify(q.collections); where.push('i.collection IN (SELECT value FROM json_each(@collections))'); }
  if (q.ids?.length) { params.ids = JSON.stringify(q.ids); where.push('i.id IN (SELECT value FROM json_each(@ids))'); }
  if (q.after) where.push(keysetFilter(q.sortby, q.after, params));

  const from = q.bbox ? spatialSource(q, params) : 'cached_items AS i';
  const { column, direction } = SORT[q.sortby];
  const nulls = direction === 'ASC' ? ' NULLS LAST' : '';
  const sql = `SELECT i.item_no, i.id, ${column} AS k FROM ${from}
    ${where.length ? `WHERE ${where.join('\n      AND ')}` : ''}
    ORDER BY ${column} ${direction}${nulls}, i.id ASC
    LIMIT @limit`;
  return { sql, params };
}
