/**
 * Microsoft Planetary Computer STAC → source `planetary-computer`: `sentinel-2-l2a` and
 * `landsat-c2-l2` by default, any PC collection by name. PC does not count (`matched` null) and
 * its paging needs the fallback in ./pc-paging.ts. Hrefs stay unsigned; signing happens when
 * assets are resolved. Id listings (for counting) sort by id, so their fallback when a full page
 * comes without `next` is simply `id > last id`.
 */
import { invalidParameter } from '../../api/errors';
import type { StacItem } from '../../stac/types';
import { findLink, linkQueryParam } from '../http/feature-collection';
import { commonSearchBody, pageLimit } from '../http/search-body';
import { listedScenes, listingBody, requestListingPage } from '../http/scene-listing';
import { pageItem } from '../http/search-page';
import { requestSearchPage } from '../http/upstream-request';
import { PLANETARY_COMPUTER_ORIGIN, type ItemOrigin } from '../normalize/item-origin';
import { isRecord, type JsonRecord } from '../normalize/json-guards';
import { LANDSAT_OLI_BANDS } from '../normalize/landsat-bands';
import { SENTINEL_2_BANDS } from '../normalize/sentinel-2-bands';
import type { SceneListPage, SceneListQuery, SortBy, SourceAdapter, SourceContext, SourcePage, SourcePosition, SourceQuery } from '../types';
import { advanceBound, keysetBody, readPcPosition, undelivered, type PcPosition } from './pc-paging';

export const PLANETARY_COMPUTER_DEFAULT_COLLECTIONS = ['sentinel-2-l2a', 'landsat-c2-l2'];
/**
 * Where Planetary Computer items keep their bytes (providers.md §2.1, §2.4, §2.6): Azure blob
 * storage accounts (`{account}.blob.core.windows.net`, SAS-signed) and the data API that renders
 * the `rendered_preview` thumbnails.
 */
export const PLANETARY_COMPUTER_DATA_HOSTS = ['*.blob.core.windows.net', 'planetarycomputer.microsoft.com'];

/** The largest `limit` PC's /search honours (providers.md §2.3). */
const PC_MAX_LIMIT = 1000;

type ListPosition = { mode: 'token'; token: string } | { mode: 'keyset'; after: string };

function readListPosition(position: SourcePosition | null): ListPosition | null {
  if (!position) return null;
  if (position.mode === 'token' && typeof position.token === 'string') return { mode: 'token', token: position.token };
  if (position.mode === 'keyset' && typeof position.after === 'string') return { mode: 'keyset', after: position.after };
  throw invalidParameter('cursor', 'not a cursor of this search (planetary-computer listing position)');
}

export interface PlanetaryComputerOptions {
  /** STAC API root, e.g. `https://planetarycomputer.microsoft.com/api/stac/v1` (ASTRA_PLANETARY_COMPUTER_URL). */
  url: string;
  collections?: string[];
  pageCap?: number;
}

function sortFields(sortby: SortBy): Array<{ field: string; direction: 'asc' | 'desc' }> {
  switch (sortby) {
    case 'datetime': return [{ field: 'datetime', direction: 'asc' }];
    case 'cloud_cover': return [{ field: 'eo:cloud_cover', direction: 'asc' }, { field: 'datetime', direction: 'desc' }];
    default: return [{ field: 'datetime', direction: 'desc' }];
  }
}

function nextToken(links: JsonRecord[]): string | undefined {
  const link = findLink(links, 'next');
  if (!link) return undefined;
  if (isRecord(link.body) && typeof link.body.token === 'string') return link.body.token;
  return linkQueryParam(link, 'token');
}

function lastId(raws: unknown[]): string | undefined {
  const last = raws[raws.length - 1];
  return isRecord(last) && typeof last.id === 'string' ? last.id : undefined;
}

export function createPlanetaryComputerSource(options: PlanetaryComputerOptions): SourceAdapter {
  const root = options.url.replace(/\/+$/, '');
  const defaults = options.collections ?? PLANETARY_COMPUTER_DEFAULT_COLLECTIONS;
  const origin: ItemOrigin = { ...PLANETARY_COMPUTER_ORIGIN, upstreamUrl: root };

  function searchBody(query: SourceQuery, limit: number): JsonRecord {
    const body = commonSearchBody(query, query.collections ?? defaults, limit);
    if (query.cloudCoverLt !== undefined) body.query = { 'eo:cloud_cover': { lt: query.cloudCoverLt } };
    body.sortby = sortFields(query.sortby);
    return body;
  }

  function listBody(query: SceneListQuery, current: ListPosition | null): JsonRecord {
    const body = listingBody(query, query.collections ?? defaults);
    const filters: JsonRecord = query.cloudCoverLt !== undefined ? { 'eo:cloud_cover': { lt: query.cloudCoverLt } } : {};
    if (current?.mode === 'keyset') filters.id = { gt: current.after };
    if (Object.keys(filters).length > 0) body.query = filters;
    body.sortby = [{ field: 'id', direction: 'asc' }];
    if (current?.mode === 'token') body.token = current.token;
    return body;
  }

  async function fetchPage(body: JsonRecord, ctx: SourceContext) {
    return requestSearchPage({ source: 'planetary-computer', url: `${root}/search`, method: 'POST', body }, origin, ctx);
  }

  return {
    id: 'planetary-computer',

    describe: () => ({
      id: 'planetary-computer',
      title: 'Microsoft Planetary Computer',
      provider: 'microsoft',
      satellites: ['sentinel-2a', 'sentinel-2b', 'sentinel-2c', 'landsat-4', 'landsat-5', 'landsat-7', 'landsat-8', 'landsat-9'],
      resolutions_m: [10, 20, 30, 60],
      collections: [...defaults],
      bands: [...SENTINEL_2_BANDS.map((band) => band.asset), 'visual', ...LANDSAT_OLI_BANDS.map((band) => band.asset), 'thumbnail'],
      url: root,
    }),

    async search(query: SourceQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SourcePage> {
      let current: PcPosition | null;
      try {
        current = readPcPosition(position);
      } catch {
        throw invalidParameter('cursor', 'not a cursor of this search (planetary-computer position)');
      }
      const limit = pageLimit(query, options.pageCap);
      const base = searchBody(query, limit);
      const body = !current ? base
        : current.mode === 'token' ? { ...base, token: current.token }
          : keysetBody(base, current.bound, current.after, query.sortby);
      const page = await fetchPage(body, ctx);
      const fresh = undelivered(page.features, current?.bound, query.sortby);
      const normalized = page.normalize(fresh);
      const full = page.features.length >= limit;

      let next: PcPosition | null = null;
      if (current?.mode === 'keyset') {
        const after = lastId(page.features);
        next = full && after !== undefined && after !== current.after ? { mode: 'keyset', after, bound: current.bound } : null;
      } else {
        const bound = advanceBound(fresh, current?.bound, query.sortby);
        const token = nextToken(page.links);
        if (token && token !== current?.token) next = { mode: 'token', token, bound };
        else if (full && bound) next = { mode: 'keyset', bound };
      }
      return { items: normalized.items, next: next as SourcePosition | null, matched: null, skipped: normalized.skipped };
    },

    async listScenes(query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SceneListPage> {
      const current = readListPosition(position);
      const body = listBody(query, current);
      const page = await requestListingPage({ source: 'planetary-computer', url: `${root}/search`, method: 'POST', body }, ctx);
      const full = page.features.length >= Math.min(query.pageSize, PC_MAX_LIMIT);
      const token = current?.mode === 'keyset' ? undefined : nextToken(page.links);
      const after = lastId(page.features);
      let next: ListPosition | null = null;
      if (token && token !== (current?.mode === 'token' ? current.token : undefined)) next = { mode: 'token', token };
      else if (full && after !== undefined && after !== (current?.mode === 'keyset' ? current.after : undefined)) next = { mode: 'keyset', after };
      return { scenes: listedScenes(page.features, 'planetary-computer'), returned: page.features.length, next, matched: null };
    },

    async getItem(upstreamId: string, ctx: SourceContext): Promise<StacItem | null> {
      return pageItem(await fetchPage({ ids: [upstreamId], limit: 10 }, ctx), upstreamId, 'planetary-computer');
    },
  };
}
