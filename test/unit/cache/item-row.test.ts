import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { footprintBoxes, itemBbox, itemRow, msToDay } from '../../../electron/service/cache/item-row';
import type { StacItem } from '../../../electron/service/stac/types';
import { FIXTURE } from '../../helpers/fake-upstream/fixture-files';
import { fixturePath } from '../../helpers/fixtures';

const antimeridian = JSON.parse(readFileSync(fixturePath(FIXTURE.antimeridianS2), 'utf8')) as StacItem;

describe('item rows', () => {
  it('stores a bbox crossing the antimeridian as two boxes meeting at ±180', () => {
    const boxes = footprintBoxes(antimeridian);
    const [west, south, east, north] = antimeridian.bbox as number[];
    expect(west).toBeGreaterThan(east);
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toMatchObject({ part: 0, minLon: west, maxLon: 180, minLat: south, maxLat: north });
    expect(boxes[1]).toMatchObject({ part: 1, minLon: -180, maxLon: east });
    const day = msToDay(Date.parse(antimeridian.properties.datetime));
    expect(boxes[0].minDay).toBe(day);
    expect(boxes[0].maxDay).toBe(day);
  });

  it('falls back to the geometry when there is no bbox, and accepts 3-D bboxes', () => {
    const noBbox = { ...antimeridian, bbox: undefined, geometry: { type: 'Polygon', coordinates: [[[1, 2], [3, 2], [3, 5], [1, 2]]] } } as StacItem;
    expect(itemBbox(noBbox)).toEqual([1, 2, 3, 5]);
    expect(itemBbox({ ...antimeridian, bbox: [1, 2, 0, 3, 4, 100] })).toEqual([1, 2, 3, 4]);
    expect(footprintBoxes({ ...noBbox, geometry: null })).toEqual([]);
  });

  it('extracts the indexed columns', () => {
    const item = { ...antimeridian, id: 'sentinel-2:X', properties: { ...antimeridian.properties, 'astra:collection': 'sentinel-2-l2a', 'astra:scene_key': 'S2A-01KAB-x' } } as StacItem;
    const row = itemRow(item);
    expect(row).toMatchObject({ id: 'sentinel-2:X', source: 'sentinel-2', collection: 'sentinel-2-l2a', sceneKey: 'S2A-01KAB-x', datetimeMs: Date.parse(antimeridian.properties.datetime) });
    expect(row.cloudCover).toBe(antimeridian.properties['eo:cloud_cover']);
    expect(JSON.parse(row.json)).toEqual(item);
  });
});
