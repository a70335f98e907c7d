/**
 * One number per item that orders results for a `sortby` (smaller comes first), so streams from
 * different catalogs can be merged and a cursor can remember "how far" in plain numbers.
 */
import type { StacItem } from '../stac/types';
import type { SortBy } from '../sources/types';

/** Items without a usable sort value go last. */
const LAST = Number.MAX_SAFE_INTEGER;

/**
 * How far apart two copies of one acquisition may sort in different catalogs (the catalogs round
 * sensing times and cloud percentages differently). Scenes already returned are remembered in
 * the cursor until the merge has moved this far past them; see merge-page.ts.
 */
export const DUPLICATE_RANK_TOLERANCE: Record<SortBy, number> = {
  '-datetime': 60_000,
  datetime: 60_000,
  cloud_cover: 1,
};

export function sortRank(item: StacItem, sortby: SortBy): number {
  if (sortby === 'cloud_cover') {
    const cloud = item.properties['eo:cloud_cover'];
    return typeof cloud === 'number' && Number.isFinite(cloud) ? cloud : LAST;
  }
  const text = item.properties.datetime ?? item.properties['start_datetime'];
  const ms = typeof text === 'string' ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) return LAST;
  return sortby === '-datetime' ? -ms : ms;
}

/** Order of two ranked items: by rank, then by id so equal ranks still have one stable order. */
export function compareRanked(a: { rank: number; id: string }, b: { rank: number; id: string }): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
