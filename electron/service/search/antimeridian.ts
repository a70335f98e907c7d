/**
 * The antimeridian (±180°). A search bbox with minLon > maxLon crosses it and is searched as two
 * boxes, because some upstreams (pgstac behind Planetary Computer) read such a box as the whole
 * latitude band (docs/providers.md §7). Footprints that cross it are cut into RFC 7946
 * MultiPolygons where items are normalized (../sources/normalize/antimeridian.ts).
 */
import type { Bbox } from '../stac/types';

export function crossesAntimeridian(bbox: Bbox): boolean {
  return bbox[0] > bbox[2];
}

/** `[w,s,e,n]` with w > e becomes `[w,s,180,n]` and `[-180,s,e,n]`; any other box stays whole. */
export function splitBbox(bbox: Bbox): Bbox[] {
  if (!crossesAntimeridian(bbox)) return [bbox];
  const [west, south, east, north] = bbox;
  return [[west, south, 180, north], [-180, south, east, north]];
}
