/**
 * The contract between the federation layer (../search/) and each upstream catalog adapter
 * (./earth-search/, ./landsatlook/, ./planetary-computer/). Provider quirks stay behind it.
 */
import type { SourceDescription } from '../api/types';
import type { Bbox, Geometry, SourceId, StacItem } from '../stac/types';
import type { DecodedSearchPage } from './http/search-page';
import type { ItemOrigin } from './normalize/item-origin';

export type { SourceDescription } from '../api/types';

export type SortBy = '-datetime' | 'datetime' | 'cloud_cover';

/** A validated search, as one adapter receives it. bbox never crosses the antimeridian here. */
export interface SourceQuery {
  bbox?: Bbox;
  intersects?: Geometry;
  /** Upstream item ids (the part after `<source>:`). */
  ids?: string[];
  /** ISO 8601 instants; null = open end. */
  datetime?: { start: string | null; end: string | null };
  cloudCoverLt?: number;
  /** Upstream collection ids for this source; undefined = the source's defaults. */
  collections?: string[];
  limit: number;
  sortby: SortBy;
}

/**
 * An adapter's position in its result stream. JSON-serialisable and opaque to everyone but the
 * adapter that made it (it ends up inside the API's base64url `cursor`).
 */
export type SourcePosition = Record<string, unknown>;

export interface SourcePage {
  items: StacItem[];
  /** Position of the page after this one; null when this is the last page. */
  next: SourcePosition | null;
  /** Total matches upstream, or null when the upstream does not count. */
  matched: number | null;
  /** Upstream items that were skipped because they could not be normalized. */
  skipped: number;
  /**
   * Set by the cache layer (../cache/cached-adapter.ts) when the page came from the local cache
   * because the upstream failed or the app is offline; the federation adds a `served_from_cache` warning.
   */
  servedFromCache?: boolean;
}

/** A search to count by listing identifiers: the filters of a SourceQuery, any order, big pages. */
export interface SceneListQuery extends Omit<SourceQuery, 'limit' | 'sortby'> {
  /** Items asked per upstream request (the catalog may clamp it). */
  pageSize: number;
}

/** One matching item of an id listing: just enough to tell which acquisition it is. */
export interface ListedScene {
  /** Provider-scoped id, `<source>:<upstream id>`, as the search would return it. */
  id: string;
  /** The `astra:scene_key` the item gets when normalized; undefined when it has none. */
  sceneKey?: string;
}

export interface SceneListPage {
  scenes: ListedScene[];
  /** Upstream features on this page, usable or not (to compare with `matched`). */
  returned: number;
  next: SourcePosition | null;
  /** Total matches upstream, or null when the upstream does not count. */
  matched: number | null;
}

export interface SourceContext {
  signal: AbortSignal;
  /** Injected so tests and the cache layer can wrap it; defaults to global fetch. */
  fetch: typeof fetch;
  /**
   * Epoch ms at which `signal` will abort (the upstream timeout), when the caller knows it.
   * Adapters honour an upstream `Retry-After` only if the wait fits before it.
   */
  deadline?: number;
  /**
   * Decodes and normalizes a search page off this thread (the search-page decoder pool); adapters
   * decode inline without it (search-page.ts).
   */
  decodePage?: SearchPageDecoder;
}

export type SearchPageDecoder = (bytes: Uint8Array, source: SourceId, origin: ItemOrigin) => Promise<DecodedSearchPage>;

export interface SourceAdapter {
  readonly id: SourceId;
  describe(): SourceDescription;
  /** One upstream page starting at `position` (null = first page). Throws UpstreamFailure on failure. */
  search(query: SourceQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SourcePage>;
  /** The normalized item, or null when the upstream does not know the id. */
  getItem(upstreamId: string, ctx: SourceContext): Promise<StacItem | null>;
  /** True when search pages carry the upstream's `matched` count (Planetary Computer's do not). */
  readonly countsMatches?: boolean;
  /**
   * One page of everything `query` matches, identifiers only (the STAC `fields` extension), for
   * counting a search (../search/count-matches.ts). Throws UpstreamFailure on failure.
   */
  listScenes?(query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SceneListPage>;
}

export { UpstreamFailure } from './upstream-failure';
