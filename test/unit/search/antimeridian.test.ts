import { describe, expect, it } from 'vitest';
import type { Bbox, StacItem } from '../../../electron/service/stac/types';
import { crossesAntimeridian, splitBbox } from '../../../electron/service/search/antimeridian';
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
    // Each half would report its own count, counting straddling scenes twice; matched counts them once.
    const perHalf = [[170, -20, 180, 20], [-180, -20, -170, 20]] as Bbox[];
    const counted = perHalf.reduce((sum, half) => sum + [...s2, ...pc].filter((i) => boxesOverlap(half, i.bbox as Bbox)).length, 0);
    expect(counted).toBeGreaterThan(expected.length);
    expect(result.context.matched).toBe(expected.length);
  });

  it('keeps every scene exactly once when paging through both halves', async () => {
    const adapters = [new MemoryAdapter({ id: 'sentinel-2', items: s2, pageSize: 1 }), new MemoryAdapter({ id: 'planetary-computer', items: pc, pageSize: 1 })];
    const expected = sortItems([...s2, ...pc].filter((item) => boxesOverlap([170, -20, -170, 20], item.bbox as Bbox)), '-datetime').map((i) => i.id);
    expect(expected).toHaveLength(5);
    for (const limit of ['1', '2']) {
      const pages = await walkPages(adapters, { bbox: '170,-20,-170,20', sources: 'sentinel-2,planetary-computer', limit });
      expect(pages.flatMap((p) => p.features.map((f) => f.id))).toEqual(expected);
      // Counted by listing both halves: the straddling scene once.
      expect(pages.map((p) => p.context.matched)).toEqual(pages.map(() => 5));
    }
  });
});
