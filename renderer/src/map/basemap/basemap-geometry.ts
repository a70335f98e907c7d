/**
 * Natural Earth TopoJSON (world-atlas) → flat Web Mercator geometry for tile drawing: land
 * polygons, coastlines (the land outline) and country borders, each with its bounding box.
 */
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

export const WORLD_WIDTH = 2 * 20037508.342789244;
const HALF = WORLD_WIDTH / 2;

/** One shape: rings (or lines) of x, y pairs, and its bbox. */
export interface FlatShape {
  parts: Float64Array[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface BasemapLayerData {
  land: FlatShape[];
  coasts: FlatShape[];
  borders: FlatShape[];
}

function project(points: Position[]): Float64Array {
  const out = new Float64Array(points.length * 2);
  points.forEach(([lon, lat], i) => {
    const clamped = Math.max(-85.0511, Math.min(85.0511, lat));
    out[2 * i] = (lon * HALF) / 180;
    out[2 * i + 1] = Math.log(Math.tan(((90 + clamped) * Math.PI) / 360)) * (HALF / Math.PI);
  });
  return out;
}

function shape(parts: Float64Array[]): FlatShape {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) {
      if (part[i] < minX) minX = part[i];
      if (part[i] > maxX) maxX = part[i];
      if (part[i + 1] < minY) minY = part[i + 1];
      if (part[i + 1] > maxY) maxY = part[i + 1];
    }
  }
  return { parts, minX, minY, maxX, maxY };
}

/**
 * NOTE: Natural Earth lines that cross the antimeridian (Chukotka, Fiji) jump from +180° to −180°;
 * drawn as is, each jump becomes a line across the whole world. Cut them there.
 */
function linesOf(geometry: MultiLineString): FlatShape[] {
  const out: FlatShape[] = [];
  for (const line of geometry.coordinates) {
    let current: Position[] = [];
    const flush = () => {
      if (current.length > 1) out.push(shape([project(current)]));
    };
    for (const point of line) {
      const previous = current[current.length - 1];
      if (previous && Math.abs(point[0] - previous[0]) > 180) {
        flush();
        current = [];
      }
      current.push(point);
    }
    flush();
  }
  return out;
}

/**
 * A ring that jumps across the antimeridian (±180° in consecutive points) would be filled as a band
 * around the whole world. Such a ring is unwrapped into continuous longitudes (past ±180°), and
 * drawn a second time one world over. A ring that winds around a pole (Antarctica) cannot be
 * unwrapped and is left as it is: its jumps run along the map's edge.
 */
function unwrapRing(ring: Position[]): { ring: Position[]; shift: number } | null {
  let offset = 0;
  let crossed = false;
  const out: Position[] = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) offset -= 360;
    else if (step < -180) offset += 360;
    if (Math.abs(step) > 180) crossed = true;
    out.push([ring[i][0] + offset, ring[i][1]]);
  }
  if (!crossed || offset !== 0) return null;
  const max = Math.max(...out.map((p) => p[0]));
  return { ring: out, shift: max > 180 ? -360 : 360 };
}

function polygonsOf(geometries: Array<Polygon | MultiPolygon | null>): FlatShape[] {
  const out: FlatShape[] = [];
  for (const g of geometries) {
    if (!g) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons) {
      const unwrapped = unwrapRing(polygon[0]);
      if (!unwrapped) {
        out.push(shape(polygon.map(project)));
        continue;
      }
      const shifted = unwrapped.ring.map(([lon, lat]) => [lon + unwrapped.shift, lat]);
      out.push(shape([project(unwrapped.ring)]), shape([project(shifted)]));
    }
  }
  return out;
}

export function basemapLayerData(land: Topology, countries: Topology): BasemapLayerData {
  const landObject = land.objects.land as GeometryCollection;
  const countryObject = countries.objects.countries as GeometryCollection;
  const landGeo = feature(land, landObject) as unknown as { features: Array<{ geometry: Polygon | MultiPolygon | null }> } | { geometry: Polygon | MultiPolygon | null };
  const landGeometries = 'features' in landGeo ? landGeo.features.map((f) => f.geometry) : [landGeo.geometry];
  return {
    land: polygonsOf(landGeometries),
    coasts: linesOf(mesh(land, landObject)),
    borders: linesOf(mesh(countries, countryObject, (a, b) => a !== b)),
  };
}
