/**
 * ASTRA areas ↔ openEO spatial arguments. A bbox is a `spatial_extent` bounding box (EPSG:4326);
 * a Polygon/MultiPolygon is a GeoJSON `spatial_extent`, which openEO defines as "the bounding box,
 * pixels outside the polygons set to no-data" — ASTRA's polygon semantics. A time series' area is
 * also the `aggregate_spatial` geometry (a bbox as its rectangle, a point as a GeoJSON Point,
 * loaded with a small margin around it). Pure.
 */
import type { AreaOfInterest, Bbox, GeoJsonMultiPolygon, GeoJsonPolygon } from '../../jobs/area-job-types';

export type AreaGeometry = GeoJsonPolygon | GeoJsonMultiPolygon;
export type PointGeometry = { type: 'Point'; coordinates: [number, number] };

export type SpatialSelection = { kind: 'bbox'; bbox: Bbox } | { kind: 'geometry'; geometry: AreaGeometry };

/** Degrees loaded around a time-series point (≈ 110 m), so remote back-ends get a non-empty box. */
export const POINT_MARGIN_DEGREES = 0.001;

export function isBbox(aoi: unknown): aoi is Bbox {
  return Array.isArray(aoi) && aoi.length === 4;
}

export function isPoint(aoi: unknown): aoi is [number, number] {
  return Array.isArray(aoi) && aoi.length === 2;
}

export function selectionOfArea(aoi: AreaOfInterest): SpatialSelection {
  return isBbox(aoi) ? { kind: 'bbox', bbox: aoi } : { kind: 'geometry', geometry: aoi };
}

export function selectionAroundPoint([lon, lat]: [number, number]): SpatialSelection {
  const m = POINT_MARGIN_DEGREES;
  return { kind: 'bbox', bbox: [Math.max(-180, lon - m), Math.max(-90, lat - m), Math.min(180, lon + m), Math.min(90, lat + m)] };
}

/** The `spatial_extent` argument of load_collection. */
export function spatialExtentOf(selection: SpatialSelection): Record<string, unknown> {
  if (selection.kind === 'geometry') return selection.geometry;
  const [west, south, east, north] = selection.bbox;
  return { west, south, east, north };
}

/** A bbox as the closed GeoJSON ring a time series aggregates over. */
export function bboxPolygon([w, s, e, n]: Bbox): GeoJsonPolygon {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** True when the polygon is exactly the ring bboxPolygon writes for `bbox`. */
export function isBboxPolygon(geometry: AreaGeometry | PointGeometry, bbox: Bbox): boolean {
  return geometry.type === 'Polygon' && JSON.stringify(geometry.coordinates) === JSON.stringify(bboxPolygon(bbox).coordinates);
}

/** [west, south, east, north] of a selection or geometry (a bbox crossing the antimeridian as is). */
export function boundsOf(area: SpatialSelection | AreaGeometry | PointGeometry): Bbox {
  if ('kind' in area) return area.kind === 'bbox' ? area.bbox : boundsOf(area.geometry);
  const points: number[][] = area.type === 'Point' ? [area.coordinates] : area.type === 'Polygon' ? area.coordinates.flat() : area.coordinates.flat(2);
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** True when `outer` covers `inner` (plain boxes; a box crossing the antimeridian only covers itself). */
export function bboxContains(outer: Bbox, inner: Bbox): boolean {
  if (outer[0] > outer[2] || inner[0] > inner[2]) return JSON.stringify(outer) === JSON.stringify(inner);
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
