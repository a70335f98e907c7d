/**
 * Earth Search v1 (Element 84, stac-server) → source `sentinel-2`.
 * Paging: POST `next` link carrying a search_after token (providers.md §1.5); counts from
 * `numberMatched` / `context.matched`; cloud filter via the `query` extension. Id listings keep
 * the sort field in `fields`: stac-server drops `next` when `fields` leaves it out
 * (stac-utils/stac-server#823).
 */
import { invalidParameter } from '../../api/errors';
import type { StacItem } from '../../stac/types';
import { findLink, linkQueryParam } from '../http/feature-collection';
import { commonSearchBody, pageLimit } from '../http/search-body';
import { listedScenes, listingBody, requestListingPage } from '../http/scene-listing';
import { pageItem } from '../http/search-page';
import { requestSearchPage } from '../http/upstream-request';
import { EARTH_SEARCH_ORIGIN, type ItemOrigin } from '../normalize/item-origin';
import { isRecord, type JsonRecord } from '../normalize/json-guards';
import { SENTINEL_2_BANDS } from '../normalize/sentinel-2-bands';
import type { SceneListPage, SceneListQuery, SortBy, SourceAdapter, SourceContext, SourcePage, SourcePosition, SourceQuery } from '../types';

export const EARTH_SEARCH_DEFAULT_COLLECTIONS = ['sentinel-2-l2a', 'sentinel-2-c1-l2a'];
/**
 * Where Earth Search items keep their bytes, read over https (providers.md §1.2–1.3): the public
 * COG buckets of `sentinel-2-l2a` and `sentinel-2-c1-l2a`. Its `s3://` hrefs (requester pays) are
 * never fetched.
 */
export const EARTH_SEARCH_DATA_HOSTS = ['sentinel-cogs.s3.us-west-2.amazonaws.com', 'e84-earth-search-sentinel-data.s3.us-west-2.amazonaws.com'];

export interface EarthSearchOptions {
  /** STAC API root, e.g. `https://earth-search.aws.element84.com/v1` (ASTRA_EARTH_SEARCH_URL). */
  url: string;
  collections?: string[];
  /** Largest page asked of the upstream per request. */
  pageCap?: number;
}

/** What the adapter needs to ask for the next page; kept small because it travels in the API cursor. */
interface EarthSearchPosition {
  next: string;
  /** Fields of the upstream `next` body that differ from the body this adapter builds. */
  extra?: JsonRecord;
}

function sortFields(sortby: SortBy): Array<{ field: string; direction: 'asc' | 'desc' }> {
  switch (sortby) {
    case 'datetime': return [{ field: 'properties.datetime', direction: 'asc' }];
    case 'cloud_cover': return [{ field: 'properties.eo:cloud_cover', direction: 'asc' }, { field: 'properties.datetime', direction: 'desc' }];
    default: return [{ field: 'properties.datetime', direction: 'desc' }];
  }
}

function readPosition(position: SourcePosition | null): EarthSearchPosition | null {
  if (!position) return null;
  if (typeof position.next !== 'string') throw invalidParameter('cursor', 'not a cursor of this search (sentinel-2 position)');
  return { next: position.next, extra: isRecord(position.extra) ? position.extra : undefined };
}

/** The token and any body fields of the upstream's `next` link (POST body or GET query). */
function nextPosition(links: JsonRecord[], base: JsonRecord): EarthSearchPosition | null {
  const link = findLink(links, 'next');
  if (!link) return null;
  const body = isRecord(link.body) ? link.body : undefined;
  const next = typeof body?.next === 'string' ? body.next : linkQueryParam(link, 'next');
  if (!next) return null;
  // NOTE: stac-server repeats the whole query in the link body (merge:false); sending our own
  // body plus the token is equivalent and keeps the API cursor small. Only differences are kept.
  const extra: JsonRecord = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (key !== 'next' && JSON.stringify(value) !== JSON.stringify(base[key])) extra[key] = value;
  }
  return Object.keys(extra).length > 0 ? { next, extra } : { next };
}

export function createEarthSearchSource(options: EarthSearchOptions): SourceAdapter {
  const root = options.url.replace(/\/+$/, '');
  const defaults = options.collections ?? EARTH_SEARCH_DEFAULT_COLLECTIONS;
  const origin: ItemOrigin = { ...EARTH_SEARCH_ORIGIN, upstreamUrl: root };

  function searchBody(query: SourceQuery): JsonRecord {
    const body = commonSearchBody(query, query.collections ?? defaults, pageLimit(query, options.pageCap));
    if (query.cloudCoverLt !== undefined) body.query = { 'eo:cloud_cover': { lt: query.cloudCoverLt } };
    body.sortby = sortFields(query.sortby);
    return body;
  }

  function listBody(query: SceneListQuery): JsonRecord {
    const body = listingBody(query, query.collections ?? defaults);
    if (query.cloudCoverLt !== undefined) body.query = { 'eo:cloud_cover': { lt: query.cloudCoverLt } };
    body.sortby = sortFields('-datetime');
    return body;
  }

  return {
    id: 'sentinel-2',
    countsMatches: true,

    describe: () => ({
      id: 'sentinel-2',
      title: 'Sentinel-2 L2A (Earth Search)',
      provider: 'copernicus',
      satellites: ['sentinel-2a', 'sentinel-2b', 'sentinel-2c'],
      resolutions_m: [10, 20, 60],
      collections: [...defaults],
      bands: [...SENTINEL_2_BANDS.map((band) => band.asset), 'visual', 'thumbnail'],
      url: root,
    }),

    async search(query: SourceQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SourcePage> {
      const current = readPosition(position);
      const base = searchBody(query);
      const body = current ? { ...base, ...current.extra, next: current.next } : base;
      const page = await requestSearchPage({ source: 'sentinel-2', url: `${root}/search`, method: 'POST', body }, origin, ctx);
      const normalized = page.normalize(page.features);
      let next = page.features.length > 0 ? nextPosition(page.links, base) : null;
      if (next && current && next.next === current.next) next = null;
      return { items: normalized.items, next: next as SourcePosition | null, matched: page.matched ?? null, skipped: normalized.skipped };
    },

    async listScenes(query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SceneListPage> {
      const current = readPosition(position);
      const base = listBody(query);
      const body = current ? { ...base, ...current.extra, next: current.next } : base;
      const page = await requestListingPage({ source: 'sentinel-2', url: `${root}/search`, method: 'POST', body }, ctx);
      let next = page.features.length > 0 ? nextPosition(page.links, base) : null;
      if (next && current && next.next === current.next) next = null;
      return { scenes: listedScenes(page.features, 'sentinel-2'), returned: page.features.length, next: next as SourcePosition | null, matched: page.matched ?? null };
    },

    async getItem(upstreamId: string, ctx: SourceContext): Promise<StacItem | null> {
      const body = { ids: [upstreamId], limit: 10 };
      const page = await requestSearchPage({ source: 'sentinel-2', url: `${root}/search`, method: 'POST', body }, origin, ctx);
      return pageItem(page, upstreamId, 'sentinel-2');
    },
  };
}
