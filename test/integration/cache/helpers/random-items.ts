/** Reproducible synthetic items for query tests and benchmarks (seeded, no Math.random). */
import type { SourceId, StacItem } from '../../../../electron/service/stac/types';
import { seededRandom } from '../../../helpers/seeded-random';

export { seededRandom };

const SOURCES: Array<{ source: SourceId; collections: string[] }> = [
  { source: 'sentinel-2', collections: ['sentinel-2-l2a', 'sentinel-2-c1-l2a'] },
  { source: 'landsat', collections: ['landsat-c2l2-sr'] },
  { source: 'planetary-computer', collections: ['sentinel-2-l2a', 'landsat-c2-l2'] },
];
const START = Date.parse('2018-01-01T00:00:00Z');
const SPAN = Date.parse('2025-01-01T00:00:00Z') - START;

/** `count` items ~1° wide spread over the globe; about 1 in 200 crosses the antimeridian; 5% without cloud cover. */
export function randomItems(count: number, seed = 1): StacItem[] {
  const random = seededRandom(seed);
  const items: StacItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const { source, collections } = SOURCES[Math.floor(random() * SOURCES.length)];
    const collection = collections[Math.floor(random() * collections.length)];
    const size = 0.5 + random();
    const crosses = random() < 0.005;
    const west = crosses ? 179.5 : -180 + random() * (360 - size);
    const east = crosses ? -179.5 : west + size;
    const south = -80 + random() * (160 - size);
    const north = south + size;
    const datetime = new Date(START + Math.floor(random() * SPAN)).toISOString();
    const cloud = random() < 0.05 ? null : Math.round(random() * 10000) / 100;
    const id = `${source}:ITEM_${String(i).padStart(7, '0')}`;
    items.push({
      type: 'Feature',
      stac_version: '1.0.0',
      stac_extensions: [],
      id,
      geometry: crosses
        ? { type: 'MultiPolygon', coordinates: [[[[west, south], [180, south], [180, north], [west, north], [west, south]]], [[[-180, south], [east, south], [east, north], [-180, north], [-180, south]]]] }
        : { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
      bbox: [west, south, east, north],
      properties: {
        datetime,
        'eo:cloud_cover': cloud,
        platform: 'synthetic',
        constellation: 'synthetic',
        gsd: 10,
        'astra:provider': source === 'sentinel-2' ? 'copernicus' : source === 'landsat' ? 'usgs' : 'microsoft',
        'astra:collection': collection,
        'astra:source': source,
        'astra:scene_key': `synthetic-${i}`,
      },
      assets: { B04: { href: `https://example.test/${i}/B04.tif`, type: 'image/tiff; application=geotiff; profile=cloud-optimized' } },
      links: [],
    });
  }
  return items;
}
