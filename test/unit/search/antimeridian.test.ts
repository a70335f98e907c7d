import { describe, expect, it } from 'vitest';
import type { Bbox, Position, StacItem } from '../../../electron/service/stac/types';
import { crossesAntimeridian, splitBbox, splitPolygonAtAntimeridian } from '../../../electron/service/search/antimeridian';
import { federatedSearch } from '../../../electron/service/search/federate';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import { MemoryAdapter } from './helpers/memory-adapter';
import { makeItem } from './helpers/scenes';
import { boxesOverlap, sortItems } from './helpers/stac-filter';
import { walkPages } from './helpers/walk-pages';

describe('antimeridian bbox', () => {
  it('splits only a crossing box', () => {
    expect(crossesAntimeridian([170, -20, -170, 20])).toBe(true);
    expect(splitBbox([170, -20, -170, 20])).toEqual([[170, -20, 180, 20], [-180, -20, -170, 20]]);
    expect(splitBbox([-170, -20, 170, 20])).toEqual([[-170, -20, 170, 20]]);
  });

  const scene = (source: 'sentinel-2' | 'planetary-computer', id: string, day: number, bbox: Bbox): StacItem =>
    makeItem({ source, upstreamId: id, datetime: `2024-03-${String(day).padStart(2, '0')}T00:00:00Z`, cloud: day, bbox });
  const s2 = [
    scene('sentinel-2', 'FIJI_WEST', 1, [176, -18, 177, -17]),
    scene('sentinel-2', 'FIJI_EAST', 2, [-179, -18, -178, -17]),
    scene('sentinel-2', 'STRADDLE', 3, [179.5, -18, -179.5, -17]),
    scene('sentinel-2', 'FAR_AWAY', 4, [0, 0, 1, 1]),
  ];
  const pc = [
    scene('planetary-computer', 'PC_EAST', 5, [-175, 10, -174, 11]),
    scene('planetary-computer', 'PC_STRADDLE', 6, [179, 5, -179, 6]),
    scene('planetary-computer', 'PC_OUTSIDE_LAT', 7, [179, 40, -179, 41]),
  ];

  it('asks every source twice, once per half, and merges the halves de-duplicated by id', async () => {
    const adapters = [
      new MemoryAdapter({ id: 'sentinel-2', items: s2, pageSize: 2 }),
      new MemoryAdapter({ id: 'planetary-computer', items: pc, pageSize: 1 }),
    ];
    const request = parseSearchQuery({ bbox: '170,-20,-170,20', sources: 'sentinel-2,planetary-computer', limit: '50' });
    const result = await federatedSearch(adapters, request, { timeoutMs: 1000, fetch: globalThis.fetch });

    for (const adapter of adapters) {
      const boxes = adapter.calls.filter((c) => c.position === null).map((c) => c.query.bbox);
      expect(boxes).toEqual([[170, -20, 180, 20], [-180, -20, -170, 20]]);
    }
    const expected = [...s2, ...pc].filter((item) => boxesOverlap([170, -20, -170, 20], item.bbox as Bbox));
    expect(expected.map((i) => i.id)).toContain('sentinel-2:STRADDLE');
    expect(result.features.map((f) => f.id)).toEqual(sortItems(expected, '-datetime').map((i) => i.id));
    expect(result.features.find((f) => f.id === 'sentinel-2:STRADDLE')?.properties['astra:alternates']).toBeUndefined();
    // Each half reports its own count, so straddling scenes are counted once per half.
    const perHalf = [[170, -20, 180, 20], [-180, -20, -170, 20]] as Bbox[];
    const counted = perHalf.reduce((sum, half) => sum + [...s2, ...pc].filter((i) => boxesOverlap(half, i.bbox as Bbox)).length, 0);
    expect(counted).toBeGreaterThan(expected.length);
    expect(result.context.matched).toBe(counted);
  });

  it('keeps every scene exactly once when paging through both halves', async () => {
    const adapters = [new MemoryAdapter({ id: 'sentinel-2', items: s2, pageSize: 1 }), new MemoryAdapter({ id: 'planetary-computer', items: pc, pageSize: 1 })];
    const expected = sortItems([...s2, ...pc].filter((item) => boxesOverlap([170, -20, -170, 20], item.bbox as Bbox)), '-datetime').map((i) => i.id);
    expect(expected).toHaveLength(5);
    for (const limit of ['1', '2']) {
      const pages = await walkPages(adapters, { bbox: '170,-20,-170,20', sources: 'sentinel-2,planetary-computer', limit });
      expect(pages.flatMap((p) => p.features.map((f) => f.id))).toEqual(expected);
    }
  });
});

/** Shoelace area; positive for counter-clockwise rings. */
function signedArea(ring: Position[]): number {
  let area = 0;
  for (let i = 1; i < ring.length; i += 1) area += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return area / 2;
}

function allWithin(rings: Position[][]): boolean {
  return rings.every((ring) => ring.every(([lon, lat]) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90));
}

describe('splitPolygonAtAntimeridian', () => {
  const crossing = { type: 'Polygon' as const, coordinates: [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]] };

  it('cuts a crossing box into two counter-clockwise parts on either side that keep the area', () => {
    const result = splitPolygonAtAntimeridian(crossing);
    expect(result.type).toBe('MultiPolygon');
    const parts = result.coordinates as Position[][][];
    expect(parts).toHaveLength(2);
    for (const [ring] of parts) {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
      expect(allWithin([ring])).toBe(true);
    }
    const lons = parts.map(([ring]) => ring.map((p) => p[0]));
    expect(lons.some((l) => l.every((x) => x >= 170))).toBe(true);
    expect(lons.some((l) => l.every((x) => x <= -170))).toBe(true);
    // 20° x 20° in total (planar degrees), 10° x 20° each side.
    expect(parts.map(([ring]) => signedArea(ring)).sort()).toEqual([200, 200]);
  });

  it('interpolates the crossing latitude of slanted edges', () => {
    const slanted = { type: 'Polygon' as const, coordinates: [[[178, 0], [-178, 4], [-178, 10], [178, 6], [178, 0]]] };
    const parts = splitPolygonAtAntimeridian(slanted).coordinates as Position[][][];
    const onMeridian = parts.flatMap(([ring]) => ring.filter((p) => Math.abs(p[0]) === 180).map((p) => p[1]));
    expect([...new Set(onMeridian)].sort((a, b) => a - b)).toEqual([2, 8]);
  });

  it('orients a clockwise input and returns the same two parts', () => {
    const clockwise = { type: 'Polygon' as const, coordinates: [[...crossing.coordinates[0]].reverse()] };
    const parts = splitPolygonAtAntimeridian(clockwise).coordinates as Position[][][];
    expect(parts.map(([ring]) => signedArea(ring)).sort()).toEqual([200, 200]);
  });

  it('leaves a polygon that does not cross unchanged', () => {
    const plain = { type: 'Polygon' as const, coordinates: [[[10, 10], [20, 10], [20, 20], [10, 20], [10, 10]]] };
    expect(splitPolygonAtAntimeridian(plain)).toBe(plain);
  });

  it('keeps a hole that does not cross in the part around it', () => {
    const withHole = { type: 'Polygon' as const, coordinates: [
      crossing.coordinates[0],
      [[172, -2], [172, 2], [175, 2], [175, -2], [172, -2]],
    ] };
    const parts = splitPolygonAtAntimeridian(withHole).coordinates as Position[][][];
    const west = parts.find(([ring]) => ring.every((p) => p[0] > 0));
    expect(west).toHaveLength(2);
    expect(parts.find((p) => p !== west)).toHaveLength(1);
  });

  it('closes a ring around the north pole over the pole', () => {
    const ring: Position[] = [];
    for (let lon = -180 + 45; lon <= 180; lon += 90) ring.push([lon, 80]);
    ring.push(ring[0]);
    const result = splitPolygonAtAntimeridian({ type: 'Polygon', coordinates: [ring] });
    expect(result.type).toBe('Polygon');
    const out = result.coordinates[0] as Position[];
    expect(out.filter((p) => p[1] === 90).map((p) => p[0]).sort()).toEqual([-180, 180]);
    expect(signedArea(out)).toBeGreaterThan(0);
    expect(allWithin([out])).toBe(true);
  });

  it('splits each polygon of a MultiPolygon', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [crossing.coordinates, [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]] };
    expect((splitPolygonAtAntimeridian(multi).coordinates as Position[][][])).toHaveLength(3);
  });
});
