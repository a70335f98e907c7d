/**
 * USGS LandsatLook STAC server → source `landsat`: Collection 2 Level-2 surface reflectance of
 * Landsat 8 and 9 only. Paging by page number (`page=`), counts from `context.matched`, item ids
 * carry the `_SR` suffix (providers.md §3).
 */
import { invalidParameter } from '../../api/errors';
import type { StacItem } from '../../stac/types';
import { findLink, linkQueryParam } from '../http/feature-collection';
import { commonSearchBody, pageLimit } from '../http/search-body';
import { listedScenes, listingBody, requestListingPage } from '../http/scene-listing';
import { requestSearchPage, requestUpstreamJson } from '../http/upstream-request';
import { LANDSATLOOK_ORIGIN, type ItemOrigin } from '../normalize/item-origin';
import { LANDSAT_OLI_BANDS } from '../normalize/landsat-bands';
import { isRecord, type JsonRecord } from '../normalize/json-guards';
import { normalizeItem } from '../normalize/normalize-item';
import { normalizePlatform } from '../normalize/upstream-core';
import type { SceneListPage, SceneListQuery, SortBy, SourceAdapter, SourceContext, SourcePage, SourcePosition, SourceQuery } from '../types';
import { UpstreamFailure } from '../types';

export const LANDSATLOOK_DEFAULT_COLLECTIONS = ['landsat-c2l2-sr'];
/**
 * Where LandsatLook hrefs point (providers.md §3). They redirect to a login, so pixels are read
 * from Planetary Computer instead (assets/landsat-route.ts); the host is listed for what remains
 * readable there (e.g. thumbnails).
 */
export const LANDSATLOOK_DATA_HOSTS = ['landsatlook.usgs.gov'];
/** stac-server's `page=` paging cannot reach past the OpenSearch result window. */
export const LANDSATLOOK_RESULT_WINDOW = 10_000;
const UPSTREAM_PLATFORMS = ['LANDSAT_8', 'LANDSAT_9'];
/** The server is older than the `..` open-interval syntax; open ends are sent as explicit bounds. */
const OPEN_ENDS = { start: '1972-07-23T00:00:00Z', end: '2100-01-01T00:00:00Z' };

export interface LandsatLookOptions {
  /** STAC API root, e.g. `https://landsatlook.usgs.gov/stac-server` (ASTRA_LANDSATLOOK_URL). */
  url: string;
  collections?: string[];
  pageCap?: number;
}

function sortFields(sortby: SortBy): Array<{ field: string; direction: 'asc' | 'desc' }> {
  switch (sortby) {
    case 'datetime': return [{ field: 'properties.datetime', direction: 'asc' }];
    case 'cloud_cover': return [{ field: 'properties.eo:cloud_cover', direction: 'asc' }, { field: 'properties.datetime', direction: 'desc' }];
    default: return [{ field: 'properties.datetime', direction: 'desc' }];
  }
}

/** Landsat 8/9 by platform, or by the id prefix when the platform is missing. */
export function isLandsat8or9(raw: unknown): boolean {
  if (!isRecord(raw)) return true; // let normalization count it as skipped
  const platform = normalizePlatform(isRecord(raw.properties) ? raw.properties.platform : undefined);
  if (platform) return platform === 'landsat-8' || platform === 'landsat-9';
  return typeof raw.id === 'string' && /^L[CO]0[89]_/.test(raw.id);
}

function readPage(position: SourcePosition | null): number {
  if (!position) return 1;
  const page = position.page;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) throw invalidParameter('cursor', 'not a cursor of this search (landsat position)');
  return page;
}

function nextPageNumber(links: JsonRecord[], page: number): number | undefined {
  const link = findLink(links, 'next');
  if (!link) return undefined;
  const fromBody = isRecord(link.body) && typeof link.body.page === 'number' ? link.body.page : undefined;
  const fromHref = Number(linkQueryParam(link, 'page'));
  const next = fromBody ?? (Number.isInteger(fromHref) && fromHref > 0 ? fromHref : page + 1);
  return next > page ? next : undefined;
}

export function createLandsatLookSource(options: LandsatLookOptions): SourceAdapter {
  const root = options.url.replace(/\/+$/, '');
  const defaults = options.collections ?? LANDSATLOOK_DEFAULT_COLLECTIONS;
  const origin: ItemOrigin = { ...LANDSATLOOK_ORIGIN, upstreamUrl: root };

  function filters(cloudCoverLt: number | undefined): JsonRecord {
    return {
      platform: { in: UPSTREAM_PLATFORMS },
      ...(cloudCoverLt !== undefined ? { 'eo:cloud_cover': { lt: cloudCoverLt } } : {}),
    };
  }

  return {
    id: 'landsat',
    countsMatches: true,

    describe: () => ({
      id: 'landsat',
      title: 'Landsat 8/9 Collection 2 Level-2 (USGS LandsatLook)',
      provider: 'usgs',
      satellites: ['landsat-8', 'landsat-9'],
      resolutions_m: [30],
      collections: [...defaults],
      bands: [...LANDSAT_OLI_BANDS.map((band) => band.asset), 'thumbnail'],
      url: root,
    }),

    async search(query: SourceQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SourcePage> {
      const page = readPage(position);
      const limit = pageLimit(query, options.pageCap);
      const body = commonSearchBody(query, query.collections ?? defaults, limit, OPEN_ENDS);
      body.query = filters(query.cloudCoverLt);
      body.sortby = sortFields(query.sortby);
      if (page > 1) body.page = page;
      const response = await requestSearchPage({ source: 'landsat', url: `${root}/search`, method: 'POST', body }, origin, ctx);
      // The platform query should already exclude other Landsats; filter again in case it is ignored.
      const normalized = response.normalize(response.features.filter(isLandsat8or9));
      const nextPage = response.features.length > 0 ? nextPageNumber(response.links, page) : undefined;
      const reachable = nextPage !== undefined && (nextPage - 1) * limit < LANDSATLOOK_RESULT_WINDOW;
      return {
        items: normalized.items,
        next: reachable ? { page: nextPage } : null,
        matched: response.matched ?? null,
        skipped: normalized.skipped,
      };
    },

    async listScenes(query: SceneListQuery, position: SourcePosition | null, ctx: SourceContext): Promise<SceneListPage> {
      const page = readPage(position);
      const body = listingBody(query, query.collections ?? defaults, OPEN_ENDS);
      body.query = filters(query.cloudCoverLt);
      body.sortby = sortFields('-datetime');
      if (page > 1) body.page = page;
      const response = await requestListingPage({ source: 'landsat', url: `${root}/search`, method: 'POST', body }, ctx);
      const nextPage = response.features.length > 0 ? nextPageNumber(response.links, page) : undefined;
      // The server refuses any page whose end (page × size) lies past its window.
      if (nextPage !== undefined && nextPage * query.pageSize > LANDSATLOOK_RESULT_WINDOW) {
        throw new UpstreamFailure('landsat', 'upstream_error', `LandsatLook pages through at most ${LANDSATLOOK_RESULT_WINDOW} results`);
      }
      return {
        scenes: listedScenes(response.features.filter(isLandsat8or9), 'landsat'),
        returned: response.features.length,
        next: nextPage !== undefined ? { page: nextPage } : null,
        matched: response.matched ?? null,
      };
    },

    async getItem(upstreamId: string, ctx: SourceContext): Promise<StacItem | null> {
      for (const collection of defaults) {
        const url = `${root}/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(upstreamId)}`;
        const raw = await requestUpstreamJson({ source: 'landsat', url, method: 'GET', notFoundAsNull: true }, ctx);
        if (raw === null) continue;
        if (!isRecord(raw) || raw.type !== 'Feature') throw new UpstreamFailure('landsat', 'upstream_error', 'malformed JSON: the item response is not a GeoJSON Feature');
        if (!isLandsat8or9(raw)) return null;
        const result = normalizeItem(raw, origin);
        if (!result.ok) throw new UpstreamFailure('landsat', 'upstream_error', `unusable item: ${result.reason}`);
        return result.item;
      }
      return null;
    },
  };
}
