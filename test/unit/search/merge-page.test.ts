import { describe, expect, it } from 'vitest';
import type { StacItem } from '../../../electron/service/stac/types';
import type { SourcePage } from '../../../electron/service/sources/types';
import { federatedSearch } from '../../../electron/service/search/federate';
import { mergePage } from '../../../electron/service/search/merge-page';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import { MemoryAdapter } from './helpers/memory-adapter';
import { makeItem, randomScenes } from './helpers/scenes';
import { sortItems } from './helpers/stac-filter';

const at = (minute: number) => new Date(Date.UTC(2024, 5, 1, 12, 60 - minute)).toISOString();
const scene = (source: 'sentinel-2' | 'planetary-computer', id: string, minute: number, sceneKey?: string, collection?: string): StacItem =>
  makeItem({ source, upstreamId: id, datetime: at(minute), cloud: 1, bbox: [0, 0, 1, 1], sceneKey, collection });

describe('mergePage', () => {
  const pc = [scene('planetary-computer', 'P1', 1, 'K1'), scene('planetary-computer', 'P2', 2, 'K2'), scene('planetary-computer', 'P3', 3, 'K3')];
  const s2 = [scene('sentinel-2', 'C1', 1, 'K1'), scene('sentinel-2', 'C2', 2, 'K2'), scene('sentinel-2', 'C2_C1', 2, 'K2', 'sentinel-2-c1-l2a')];

  it('asks for more when a stream runs dry before the page is decided', () => {
    const outcome = mergePage({
      streams: [{ key: 'planetary-computer', source: 'planetary-computer', items: pc, complete: true }, { key: 'sentinel-2', source: 'sentinel-2', items: s2, complete: false }],
      limit: 3, sortby: '-datetime', seen: [],
    });
    expect(outcome).toEqual({ kind: 'need_more', stream: 'sentinel-2' });
  });

  it('groups all copies, consumes each from its own stream, and reports the page drained', () => {
    const outcome = mergePage({
      streams: [{ key: 'planetary-computer', source: 'planetary-computer', items: pc, complete: true }, { key: 'sentinel-2', source: 'sentinel-2', items: s2, complete: true }],
      limit: 3, sortby: '-datetime', seen: [],
    });
    if (outcome.kind !== 'merged') throw new Error('expected a merged page');
    expect(outcome.features.map((f) => [f.id, f.properties['astra:alternates']])).toEqual([
      ['sentinel-2:C1', ['planetary-computer:P1']],
      ['sentinel-2:C2', ['planetary-computer:P2', 'sentinel-2:C2_C1']],
      ['planetary-computer:P3', undefined],
    ]);
    expect(outcome.consumed).toEqual({ 'planetary-computer': 3, 'sentinel-2': 3 });
    expect(outcome.drained).toBe(true);
    expect(outcome.seen).toEqual([]);
  });
});

describe('federatedSearch refills a stream that runs dry mid-page', () => {
  it('reads on and still returns the page in order', async () => {
    const pc = [scene('planetary-computer', 'P1', 1, 'K1'), scene('planetary-computer', 'P2', 2, 'K2'), scene('planetary-computer', 'P3', 3, 'K3'), scene('planetary-computer', 'P5', 5)];
    const s2 = [scene('sentinel-2', 'C1', 1, 'K1'), scene('sentinel-2', 'C2', 2, 'K2'), scene('sentinel-2', 'C2_C1', 2, 'K2', 'x'), scene('sentinel-2', 'S4', 4)];
    const adapters = [new MemoryAdapter({ id: 'sentinel-2', items: s2, pageSize: 1 }), new MemoryAdapter({ id: 'planetary-computer', items: pc, pageSize: 10 })];
    const result = await federatedSearch(adapters, parseSearchQuery({ bbox: '0,0,1,1', sources: 'sentinel-2,planetary-computer', limit: '3' }), { timeoutMs: 1000, fetch: globalThis.fetch });
    expect(result.features.map((f) => f.id)).toEqual(['sentinel-2:C1', 'sentinel-2:C2', 'planetary-computer:P3']);
    // 3 reads to hold 3 candidates, then one more when the copies used them up.
    expect(adapters[0].calls.length).toBe(4);
  });
});

describe('upstream paging limits', () => {
  it('reads as many small upstream pages as a large API page needs', async () => {
    const items = randomScenes('landsat', 200, 42, [0, 0, 10, 10]).map(makeItem);
    const adapter = new MemoryAdapter({ id: 'landsat', items, pageSize: 3 });
    const result = await federatedSearch([adapter], parseSearchQuery({ bbox: '0,0,10,10', sources: 'landsat', limit: '500' }), { timeoutMs: 2000, fetch: globalThis.fetch });
    expect(result.features.map((f) => f.id)).toEqual(sortItems(items, '-datetime').map((i) => i.id));
    expect(adapter.calls.length).toBe(Math.ceil(200 / 3));
    expect(result.nextCursor).toBeNull();
  });

  it('gives up on an upstream that links empty page to empty page', async () => {
    const endless = new MemoryAdapter({ id: 'planetary-computer', title: 'Planetary Computer', items: [], pageSize: 1 });
    endless.search = async (query, position, ctx): Promise<SourcePage> => {
      endless.calls.push({ query, position });
      await Promise.resolve(ctx);
      return { items: [], next: { n: ((position?.n as number) ?? 0) + 1 }, matched: null, skipped: 0 };
    };
    const good = new MemoryAdapter({ id: 'sentinel-2', items: [scene('sentinel-2', 'S1', 1)], pageSize: 5 });
    const result = await federatedSearch([good, endless], parseSearchQuery({ bbox: '0,0,1,1', sources: 'sentinel-2,planetary-computer' }), { timeoutMs: 1000, fetch: globalThis.fetch });
    expect(result.features.map((f) => f.id)).toEqual(['sentinel-2:S1']);
    expect(result.warnings).toEqual([{ source: 'planetary-computer', code: 'upstream_error', message: 'Planetary Computer failed: returned 10 empty pages in a row, each linking to another' }]);
    expect(endless.calls.length).toBe(10);
  });
});
