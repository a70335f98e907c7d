/**
 * Planetary Computer paging, made robust (providers.md §2.5). PC pages with a `token`, but its
 * `next` links go missing (microsoft/planetary-computer-apis#274) and pages overlap
 * (microsoft/PlanetaryComputer#163). So the position also remembers a *bound*: the sort value of
 * the last item delivered and (hashed) ids delivered at exactly that value.
 * - Token pages drop items that sort before the bound or were delivered at it (de-duplication).
 * - When a full page comes without `next`, paging falls back to an id keyset: the same query,
 *   narrowed to sort values at or after the bound, sorted by id ascending, `query.id.gt` = the
 *   last id seen (the workaround in allenai/rslearn#426). The bound keeps delivered items out.
 * Pure functions; the adapter does the I/O.
 */
import { asFiniteNumber, asString, isRecord, type JsonRecord } from '../normalize/json-guards';
import type { SortBy } from '../types';

export interface Bound {
  /** Sort value of the last delivered item: [ms] for datetime sorts, [cloud, ms] for cloud_cover. */
  at: number[];
  /** That item's datetime as upstream wrote it, for the keyset datetime window. */
  datetime: string;
  /** Hashes of the ids delivered with sort value exactly `at`. */
  seen: string[];
}

export type PcPosition =
  | { mode: 'token'; token: string; bound?: Bound }
  | { mode: 'keyset'; after?: string; bound: Bound };

/** Bounded so a cursor stays small even when thousands of items tie (e.g. cloud cover 0). */
const MAX_SEEN = 500;

/** FNV-1a 32-bit, base36: enough to recognise ids already delivered without carrying them. */
export function idHash(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function rawId(raw: unknown): string | undefined {
  return isRecord(raw) ? asString(raw.id) : undefined;
}

function rawDatetime(raw: unknown): string | undefined {
  const props = isRecord(raw) && isRecord(raw.properties) ? raw.properties : undefined;
  return asString(props?.datetime);
}

export function sortTuple(raw: unknown, sortby: SortBy): number[] | undefined {
  const datetime = rawDatetime(raw);
  const ms = datetime ? Date.parse(datetime) : NaN;
  if (Number.isNaN(ms)) return undefined;
  if (sortby !== 'cloud_cover') return [ms];
  const props = isRecord(raw) && isRecord(raw.properties) ? raw.properties : undefined;
  const cloud = asFiniteNumber(props?.['eo:cloud_cover']);
  return cloud === undefined ? undefined : [cloud, ms];
}

/** < 0 when `a` comes before `b` in the stream the user asked for. */
export function compareInStream(a: number[], b: number[], sortby: SortBy): number {
  switch (sortby) {
    case 'datetime': return a[0] - b[0];
    case 'cloud_cover': return a[0] - b[0] || b[1] - a[1];
    default: return b[0] - a[0];
  }
}

/** Items not delivered yet: not before the bound, not seen at it, and each id once. */
export function undelivered(raws: unknown[], bound: Bound | undefined, sortby: SortBy): unknown[] {
  const seen = new Set(bound?.seen ?? []);
  const ids = new Set<string>();
  return raws.filter((raw) => {
    const id = rawId(raw);
    if (id !== undefined) {
      if (ids.has(id)) return false;
      ids.add(id);
    }
    if (!bound) return true;
    const tuple = sortTuple(raw, sortby);
    if (!tuple) return true;
    const order = compareInStream(tuple, bound.at, sortby);
    return order > 0 || (order === 0 && (id === undefined || !seen.has(idHash(id))));
  });
}

/** The bound after delivering `delivered` (in stream order) on top of `previous`. */
export function advanceBound(delivered: unknown[], previous: Bound | undefined, sortby: SortBy): Bound | undefined {
  let bound = previous;
  for (const raw of delivered) {
    const tuple = sortTuple(raw, sortby);
    const id = rawId(raw);
    const datetime = rawDatetime(raw);
    if (!tuple || !id || !datetime) continue;
    const order = bound ? compareInStream(tuple, bound.at, sortby) : 1;
    if (order > 0 || !bound) bound = { at: tuple, datetime, seen: [idHash(id)] };
    else if (order === 0) bound = { ...bound, seen: [...bound.seen, idHash(id)].slice(-MAX_SEEN) };
  }
  return bound;
}

/** The keyset request: `body` narrowed to the bound, sorted by id, after the last id seen. */
export function keysetBody(body: JsonRecord, bound: Bound, after: string | undefined, sortby: SortBy): JsonRecord {
  const query: JsonRecord = isRecord(body.query) ? { ...body.query } : {};
  const out: JsonRecord = { ...body, sortby: [{ field: 'id', direction: 'asc' }] };
  if (after !== undefined) query.id = { gt: after };
  const original = typeof body.datetime === 'string' ? body.datetime : '../..';
  const [start, end] = original.split('/');
  if (sortby === 'cloud_cover') {
    const cloud = isRecord(query['eo:cloud_cover']) ? query['eo:cloud_cover'] : {};
    query['eo:cloud_cover'] = { ...cloud, gte: bound.at[0] };
  } else if (end === undefined) {
    // A single instant: every remaining item ties with the bound already.
  } else if (sortby === 'datetime') {
    out.datetime = `${bound.datetime}/${end}`;
  } else {
    out.datetime = `${start}/${bound.datetime}`;
  }
  out.query = query;
  return out;
}

export function readPcPosition(position: Record<string, unknown> | null): PcPosition | null {
  if (!position) return null;
  const bound = isBound(position.bound) ? position.bound : undefined;
  if (position.mode === 'token' && typeof position.token === 'string') return { mode: 'token', token: position.token, bound };
  if (position.mode === 'keyset' && bound) return { mode: 'keyset', after: asString(position.after), bound };
  throw new TypeError('not a planetary-computer position');
}

function isBound(value: unknown): value is Bound {
  return isRecord(value) && Array.isArray(value.at) && value.at.every((n) => typeof n === 'number')
    && typeof value.datetime === 'string' && Array.isArray(value.seen) && value.seen.every((s) => typeof s === 'string');
}
