/**
 * Types of the federation layer: a validated search request as the `/api/v1/search` routes hand
 * it over, the decoded paging cursor, and the federated answer. Wire types of the response items
 * themselves live in ../stac/types.ts; the adapter contract in ../sources/types.ts.
 */
import type { Bbox, Geometry, SearchWarning, SourceId, StacItem } from '../stac/types';
import type { SourcePosition, SortBy } from '../sources/types';

/** A provider-scoped scene id `<source>:<upstream id>`, split. */
export interface ScopedId {
  source: SourceId;
  upstreamId: string;
}

/** The filters of a search, before they are split per source and per antimeridian half. */
export interface FederatedQuery {
  /** May cross the antimeridian (minLon > maxLon); see `crossesAntimeridian`. */
  bbox?: Bbox;
  intersects?: Geometry;
  ids?: ScopedId[];
  /** ISO 8601 instants in UTC; null = open end. */
  datetime?: { start: string | null; end: string | null };
  cloudCoverLt?: number;
  /** Upstream collection ids; routed to the sources that serve them (see plan-streams.ts). */
  collections?: string[];
}

export interface FederatedSearchRequest {
  /** Sources to query, in the canonical order of KNOWN_SOURCE_IDS. */
  sources: SourceId[];
  query: FederatedQuery;
  limit: number;
  sortby: SortBy;
  /** Decoded and already checked against this request's fingerprint. */
  cursor?: CursorState;
  /** True when `query.bbox` has minLon > maxLon and is searched as two boxes. */
  crossesAntimeridian: boolean;
}

/** How far one upstream result stream (a source, or one antimeridian half of it) has been read. */
export interface StreamState {
  /** Upstream page to read next (null = first page). */
  position: SourcePosition | null;
  /** Items of that page already consumed by earlier API pages. */
  consumed: number;
  exhausted: boolean;
}

/**
 * The search's `matched`, counted on its first page (count-matches.ts) and carried by the cursor
 * so later pages do not count again: a number, or null with the warning that says why.
 */
export type MatchedCount = { matched: number } | { matched: null; warning: SearchWarning };

/**
 * A scene already returned whose duplicates may still arrive from other streams. `key` is a short
 * hash of the dedupe key; `horizon` the largest sort rank of its known copies (see sort-rank.ts).
 */
export interface SeenScene {
  key: string;
  horizon: number;
}

export interface CursorState {
  /** Fingerprint of the request the cursor belongs to. */
  fingerprint: string;
  streams: Record<string, StreamState>;
  seen: SeenScene[];
  count: MatchedCount;
}

export interface FederatedSearchResult {
  features: StacItem[];
  context: { matched: number | null; returned: number; limit: number };
  /** Cursor for the next page, or null when every source that answered is exhausted. */
  nextCursor: string | null;
  warnings: SearchWarning[];
}
