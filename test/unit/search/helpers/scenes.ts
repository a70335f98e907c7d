/** Deterministic synthetic scenes for federation tests (seeded, so every run sees the same data). */
import type { Bbox, SourceId, StacItem } from '../../../../electron/service/stac/types';
import { seededRandom } from '../../../helpers/seeded-random';

export { seededRandom };
export interface SceneSpec {
  source: SourceId;
  upstreamId: string;
  datetime: string;
  cloud: number;
  bbox: Bbox;
  sceneKey?: string;
  collection?: string;
  extraProperties?: Record<string, unknown>;
}

const PROVIDER = { 'sentinel-2': 'copernicus', landsat: 'usgs', 'planetary-computer': 'microsoft' } as const;

export function makeItem(spec: SceneSpec): StacItem {
  const [w, s, e, n] = spec.bbox;
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id: `${spec.source}:${spec.upstreamId}`,
    geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
    bbox: spec.bbox,
    properties: {
      datetime: spec.datetime,
      'eo:cloud_cover': spec.cloud,
      platform: 'test-sat',
      constellation: 'test',
      gsd: 10,
      'astra:provider': PROVIDER[spec.source],
      'astra:collection': spec.collection ?? `${spec.source}-default`,
      'astra:source': spec.source,
      ...(spec.sceneKey ? { 'astra:scene_key': spec.sceneKey } : {}),
      ...spec.extraProperties,
    },
    assets: {},
    links: [{ rel: 'self', href: `/api/v1/scenes/${spec.source}:${spec.upstreamId}` }],
  };
}


const YEAR_START = Date.UTC(2024, 0, 1);
const YEAR_MS = 366 * 86_400_000;

/**
 * `count` scenes of one source at random times in 2024 (whole seconds, so some collide across
 * sources when `timePool` is small) and random small boxes inside `region`.
 */
export function randomScenes(source: SourceId, count: number, seed: number, region: Bbox, timePool?: number[]): SceneSpec[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const t = timePool ? timePool[Math.floor(random() * timePool.length)] : YEAR_START + Math.floor(random() * YEAR_MS / 1000) * 1000;
    const lon = region[0] + random() * (region[2] - region[0] - 1);
    const lat = region[1] + random() * (region[3] - region[1] - 1);
    return {
      source,
      upstreamId: `${source.toUpperCase()}_${String(i).padStart(4, '0')}`,
      datetime: new Date(t).toISOString(),
      cloud: Math.round(random() * 1000) / 10,
      bbox: [lon, lat, lon + 1, lat + 1],
    };
  });
}
