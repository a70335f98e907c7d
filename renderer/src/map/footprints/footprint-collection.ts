/**
 * Every footprint of the current results, kept twice: as flat Web Mercator arrays the footprint
 * layer draws from without allocating, and as features in an ol VectorSource whose R-tree answers
 * "what is under the pointer" in well under a millisecond (pixel hit detection would cost ~20 ms
 * at 20,000 footprints).
 */
import Feature from 'ol/Feature';
import MultiPolygon from 'ol/geom/MultiPolygon';
import Polygon from 'ol/geom/Polygon';
import VectorSource from 'ol/source/Vector';
import type { Coordinate } from 'ol/coordinate';
import type { Geometry } from '../../../../electron/service/api/contract';

export const WORLD_WIDTH = 2 * 20037508.342789244;
const HALF = WORLD_WIDTH / 2;
const MAX_LAT = 85.0511;

export interface FootprintInput {
  id: string;
  source: number;
  geometry: Geometry | null;
}

function mercator(lon: number, lat: number, out: number[]): void {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  out.push((lon * HALF) / 180, Math.log(Math.tan(((90 + clamped) * Math.PI) / 360)) * (HALF / Math.PI));
}

/** Outer rings of a footprint in lon/lat; a ring straddling the antimeridian is made continuous east of 180°. */
function outerRings(geometry: Geometry | null): number[][][] {
  if (!geometry) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons
    .map((polygon) => polygon[0])
    .filter((ring) => ring && ring.length >= 3)
    .map((ring) => {
      let min = Infinity;
      let max = -Infinity;
      for (const p of ring) {
        if (p[0] < min) min = p[0];
        if (p[0] > max) max = p[0];
      }
      return max - min > 180 ? ring.map((p) => (p[0] < 0 ? [p[0] + 360, p[1]] : p)) : ring;
    });
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

export class FootprintCollection {
  count = 0;
  /** Bumped on every change; the layer redraws when it moves. */
  version = 0;
  ids: string[] = [];
  sources = new Uint8Array(1024);
  /** minX, minY, maxX, maxY per footprint. */
  bboxes = new Float64Array(4096);
  /** Centre x, y per footprint (for the grid). */
  centres = new Float64Array(2048);
  /** First ring of footprint i is featureRings[i], its last is featureRings[i + 1] - 1. */
  featureRings = new Uint32Array(1025);
  /** Ring r's coordinates are coords[ringStarts[r] .. ringStarts[r + 1]) as x, y pairs. */
  ringStarts = new Uint32Array(2048);
  ringCount = 0;
  coords = new Float64Array(1 << 16);
  coordLength = 0;
  readonly index = new VectorSource<Feature>({ wrapX: false });

  clear(): void {
    this.count = 0;
    this.ringCount = 0;
    this.coordLength = 0;
    this.ids = [];
    this.index.clear(true);
    this.version += 1;
  }

  append(inputs: FootprintInput[]): void {
    const features: Feature[] = [];
    const ring: number[] = [];
    for (const input of inputs) {
      const rings = outerRings(input.geometry);
      if (rings.length === 0) continue;
      const i = this.count;
      this.sources = grow(this.sources, i + 1);
      this.bboxes = grow(this.bboxes, 4 * (i + 1));
      this.centres = grow(this.centres, 2 * (i + 1));
      this.featureRings = grow(this.featureRings, i + 2);
      this.featureRings[i] = this.ringCount;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      const olRings: number[][][] = [];
      for (const lonLatRing of rings) {
        ring.length = 0;
        for (const p of lonLatRing) mercator(p[0], p[1], ring);
        this.ringStarts = grow(this.ringStarts, this.ringCount + 2);
        this.coords = grow(this.coords, this.coordLength + ring.length);
        this.ringStarts[this.ringCount] = this.coordLength;
        this.coords.set(ring, this.coordLength);
        this.coordLength += ring.length;
        this.ringCount += 1;
        this.ringStarts[this.ringCount] = this.coordLength;
        const olRing: number[][] = [];
        for (let k = 0; k < ring.length; k += 2) {
          const x = ring[k];
          const y = ring[k + 1];
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
          olRing.push([x, y]);
        }
        olRings.push(olRing);
      }
      this.featureRings[i + 1] = this.ringCount;
      this.bboxes.set([minX, minY, maxX, maxY], 4 * i);
      let cx = (minX + maxX) / 2;
      if (cx > HALF) cx -= WORLD_WIDTH;
      this.centres[2 * i] = cx;
      this.centres[2 * i + 1] = (minY + maxY) / 2;
      this.sources[i] = input.source;
      this.ids.push(input.id);
      const geometry = olRings.length === 1 ? new Polygon([olRings[0]]) : new MultiPolygon(olRings.map((r) => [r]));
      const feature = new Feature({ geometry });
      feature.setId(input.id);
      feature.set('index', i, true);
      features.push(feature);
      this.count += 1;
    }
    this.index.addFeatures(features);
    this.version += 1;
  }

  /** The footprint under a map coordinate that comes first in the results list, or null. */
  hitTest(coordinate: Coordinate): string | null {
    let best = -1;
    // Footprints live in [-180°, 360°) of longitude; try the coordinate in each world copy that can hold one.
    const x0 = coordinate[0] - Math.floor((coordinate[0] + HALF) / WORLD_WIDTH) * WORLD_WIDTH;
    for (const x of [x0, x0 + WORLD_WIDTH]) {
      for (const feature of this.index.getFeaturesAtCoordinate([x, coordinate[1]])) {
        const i = feature.get('index') as number;
        if (best < 0 || i < best) best = i;
      }
    }
    return best < 0 ? null : this.ids[best];
  }

  featureById(id: string): Feature | null {
    return this.index.getFeatureById(id) ?? null;
  }
}
