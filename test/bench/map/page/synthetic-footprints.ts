/**
 * N synthetic scene footprints, seeded so every run draws the same scene: clusters around places
 * analysts watch (dense overlap, like a year of Sentinel-2 revisits) plus a global scatter.
 * Sizes follow the sources: ~110 km Sentinel-2 tiles, ~185 km Landsat scenes.
 */
import type { Geometry } from '../../../../electron/service/stac/types';
import { seededRandom } from '../../../helpers/seeded-random';

export interface SyntheticFootprint {
  id: string;
  source: number;
  geometry: Geometry;
}

/** The cluster centres (lon, lat) the footprints gather around. */
export function clusterCentres(seed = 42): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: 40 }, () => [random() * 330 - 165, random() * 110 - 50]);
}

export function syntheticFootprints(n: number, seed = 42): SyntheticFootprint[] {
  const clusters = clusterCentres(seed);
  const random = seededRandom(seed + 1);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const out: SyntheticFootprint[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    const source = r < 0.5 ? 0 : r < 0.8 ? 1 : 2;
    let lon: number;
    let lat: number;
    if (random() < 0.8) {
      const [cx, cy] = clusters[Math.floor(random() * clusters.length)];
      lon = cx + gaussian() * 6;
      lat = Math.max(-75, Math.min(75, cy + gaussian() * 4));
    } else {
      lon = random() * 360 - 180;
      lat = random() * 140 - 70;
    }
    lon = ((((lon + 180) % 360) + 360) % 360) - 180;
    const km = source === 1 ? 185 : 110;
    const h = km / 111 / 2;
    const w = h / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
    const skew = (random() - 0.5) * w * 0.3;
    const ring = [
      [lon - w + skew, lat - h],
      [lon + w + skew, lat - h],
      [lon + w - skew, lat + h],
      [lon - w - skew, lat + h],
      [lon - w + skew, lat - h],
    ];
    out.push({ id: `bench:${i}`, source, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return out;
}
