/**
 * The scenes of an area job: the federated search run in-process (the same search as
 * POST /api/v1/search: every selected source, deduplicated across catalogs, offline from the
 * cache) over the area and period, every page of it, with the job's sources, collections and
 * `cloud_cover_lt`; then only footprints that really meet the area (some catalogs answer
 * `intersects` by bounding box). A source that fails makes the job fail: an answer from part of
 * the sources would silently be another answer. No scene at all is a 422 that says which search
 * was made.
 */
import { AppError, unprocessable } from '../../../api/errors';
import type { SearchBody } from '../../../api/contract';
import type { AreaOfInterest } from '../../../jobs/area-job-types';
import type { FederatedSearchResult } from '../../../search/types';
import type { SearchWarning, SourceId, StacItem } from '../../../stac/types';
import { footprintMeetsArea } from './footprint-intersects';

/** One page of the federated search, as POST /api/v1/search answers it (in-process). */
export type SceneSearch = (body: SearchBody, signal?: AbortSignal) => Promise<FederatedSearchResult>;

export interface SceneSelection {
  aoi: AreaOfInterest | [number, number];
  datetime: string;
  sources?: SourceId[];
  collections?: string[];
  cloud_cover_lt?: number;
}

/** At most this many scenes per job (the plan holds each scene's recipe). */
export const MAX_AREA_SCENES = 2000;
const PAGE_SIZE = 500;
/** Warnings that do not mean scenes are missing. */
const HARMLESS = new Set(['served_from_cache', 'count_incomplete']);

function spatialFilter(aoi: SceneSelection['aoi']): Pick<SearchBody, 'bbox' | 'intersects'> {
  if (Array.isArray(aoi) && aoi.length === 2) return { intersects: { type: 'Point', coordinates: [aoi[0], aoi[1]] } };
  if (Array.isArray(aoi)) return { bbox: [aoi[0], aoi[1], aoi[2], aoi[3]] };
  return { intersects: aoi };
}

function searchBody(selection: SceneSelection): SearchBody {
  return {
    ...spatialFilter(selection.aoi),
    datetime: selection.datetime,
    ...(selection.sources ? { sources: selection.sources } : {}),
    ...(selection.collections ? { collections: selection.collections } : {}),
    ...(selection.cloud_cover_lt !== undefined ? { cloud_cover_lt: selection.cloud_cover_lt } : {}),
    limit: PAGE_SIZE,
  };
}

function failOnMissingSources(warnings: readonly SearchWarning[]): void {
  // An unconfigured source was never going to answer: it is not a failure of this search.
  const failed = warnings.filter((w) => !HARMLESS.has(w.code) && !/ is not configured$/.test(w.message));
  if (failed.length === 0) return;
  const timedOut = failed.every((w) => w.code === 'timeout');
  throw new AppError(timedOut ? 'upstream_timeout' : 'upstream_error', `the scenes of the area could not all be found: ${failed.map((w) => w.message).join('; ')}`, { details: { warnings: failed } });
}

function describe(body: SearchBody): string {
  const { limit: _limit, ...rest } = body;
  return `POST /api/v1/search ${JSON.stringify(rest)}`;
}

/** Every scene of the selection (by id), in the search's order. */
export async function findScenes(search: SceneSearch, selection: SceneSelection, parameter: string, signal?: AbortSignal): Promise<StacItem[]> {
  const body = searchBody(selection);
  const found = new Map<string, StacItem>();
  let cursor: string | undefined;
  do {
    const page = await search(cursor ? { ...body, cursor } : body, signal);
    failOnMissingSources(page.warnings);
    for (const item of page.features) if (footprintMeetsArea(item.geometry, selection.aoi)) found.set(item.id, item);
    if (found.size > MAX_AREA_SCENES) {
      throw unprocessable(parameter, `more than ${MAX_AREA_SCENES} scenes match (${describe(body)}); narrow the period, the area, the sources or cloud_cover_lt`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (found.size === 0) throw unprocessable(parameter, `no scenes found for the area and period (${describe(body)})`);
  return [...found.values()];
}
