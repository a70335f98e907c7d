/**
 * Map extents (Web Mercator) to WGS84 boxes and back. A view wider than the world searches the
 * whole world; a view straddling the antimeridian gives minLon > maxLon, as api.md allows.
 */
import { transformExtent } from 'ol/proj';
import type { Extent } from 'ol/extent';
import type { Bbox } from '../../../electron/service/api/contract';

const wrapLon = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));

export function extentToBbox(extent: Extent): Bbox {
  const [west, south, east, north] = transformExtent(extent, 'EPSG:3857', 'EPSG:4326');
  const minLat = clampLat(south);
  const maxLat = clampLat(north);
  if (east - west >= 360) return [-180, minLat, 180, maxLat];
  let minLon = wrapLon(west);
  let maxLon = wrapLon(east);
  // A box ending exactly on the antimeridian must not wrap to -180.
  if (maxLon === -180 && east > west) maxLon = 180;
  if (minLon === 180) minLon = -180;
  return [minLon, minLat, maxLon, maxLat];
}

/** Back to a map extent; a box crossing the antimeridian extends east past +180°. */
export function bboxToExtent(bbox: Bbox): Extent {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const east = maxLon < minLon ? maxLon + 360 : maxLon;
  const lat = (v: number) => Math.max(-85, Math.min(85, v));
  return transformExtent([minLon, lat(minLat), east, lat(maxLat)], 'EPSG:4326', 'EPSG:3857');
}
