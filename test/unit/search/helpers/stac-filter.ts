/**
 * What a STAC API does with a SourceQuery, written plainly for the tests: the expected results
 * of a federated search are computed with these, independently of the federation code.
 */
import type { Bbox, StacItem } from '../../../../electron/service/stac/types';
import type { SortBy, SourceQuery } from '../../../../electron/service/sources/types';

export function itemMatches(item: StacItem, query: Omit<SourceQuery, 'limit' | 'sortby'>): boolean {
  const p = item.properties;
  if (query.ids && !query.ids.includes(item.id.slice(item.id.indexOf(':') + 1))) return false;
  if (query.collections && !query.collections.includes(p['astra:collection'])) return false;
  if (query.cloudCoverLt !== undefined && !((p['eo:cloud_cover'] ?? Infinity) < query.cloudCoverLt)) return false;
  const t = Date.parse(p.datetime);
  if (query.datetime?.start && t < Date.parse(query.datetime.start)) return false;
  if (query.datetime?.end && t > Date.parse(query.datetime.end)) return false;
  if (query.bbox && !boxesOverlap(query.bbox, item.bbox as Bbox)) return false;
  return true;
}

/** Overlap of two WGS84 boxes, either of which may cross the antimeridian. */
export function boxesOverlap(a: Bbox, b: Bbox): boolean {
  return halves(a).some((x) => halves(b).some((y) => x[0] <= y[2] && y[0] <= x[2] && x[1] <= y[3] && y[1] <= x[3]));
}

function halves(box: Bbox): Bbox[] {
  return box[0] <= box[2] ? [box] : [[box[0], box[1], 180, box[3]], [-180, box[1], box[2], box[3]]];
}

/** The sort value as the API defines it: smaller first. */
export function sortValue(item: StacItem, sortby: SortBy): number {
  if (sortby === 'cloud_cover') return item.properties['eo:cloud_cover'] ?? Number.MAX_SAFE_INTEGER;
  const t = Date.parse(item.properties.datetime);
  return sortby === 'datetime' ? t : -t;
}

export function sortItems(items: StacItem[], sortby: SortBy): StacItem[] {
  return [...items].sort((a, b) => sortValue(a, sortby) - sortValue(b, sortby) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
