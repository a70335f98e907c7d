import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import { planStreams } from '../../../electron/service/search/plan-streams';
import { MemoryAdapter } from './helpers/memory-adapter';

const adapters = [
  new MemoryAdapter({ id: 'sentinel-2', items: [], pageSize: 1, collections: ['sentinel-2-l2a', 'sentinel-2-c1-l2a'] }),
  new MemoryAdapter({ id: 'landsat', items: [], pageSize: 1, collections: ['landsat-c2l2-sr'] }),
  new MemoryAdapter({ id: 'planetary-computer', items: [], pageSize: 1, collections: ['sentinel-2-l2a', 'landsat-c2-l2'] }),
];

function plan(params: Record<string, string>) {
  return planStreams(parseSearchQuery(params), adapters).streams.map((s) => [s.key, s.query.collections, s.query.ids]);
}

describe('planStreams', () => {
  it('queries every selected source with its defaults when no collections are asked', () => {
    expect(plan({ bbox: '0,0,1,1' })).toEqual([['sentinel-2', undefined, undefined], ['landsat', undefined, undefined], ['planetary-computer', undefined, undefined]]);
  });

  it('sends a collection to every source that lists it and skips sources left without one', () => {
    expect(plan({ bbox: '0,0,1,1', collections: 'sentinel-2-l2a' })).toEqual([
      ['sentinel-2', ['sentinel-2-l2a'], undefined], ['planetary-computer', ['sentinel-2-l2a'], undefined]]);
  });

  it('sends collections no source lists to Planetary Computer, which serves any by name', () => {
    expect(plan({ bbox: '0,0,1,1', collections: 'naip,landsat-c2l2-sr' })).toEqual([
      ['landsat', ['landsat-c2l2-sr'], undefined], ['planetary-computer', ['naip'], undefined]]);
  });

  it('rejects a collection no selected source can serve', () => {
    let error: unknown;
    try { plan({ bbox: '0,0,1,1', collections: 'naip', sources: 'sentinel-2,landsat' }); } catch (e) { error = e; }
    expect(isAppError(error) && error.parameter === 'collections' && error.status === 400).toBe(true);
  });

  it('sends a source-scoped collection (the STAC API ids) to that source only', () => {
    expect(plan({ bbox: '0,0,1,1', collections: 'planetary-computer:sentinel-2-l2a,sentinel-2:sentinel-2-c1-l2a' })).toEqual([
      ['sentinel-2', ['sentinel-2-c1-l2a'], undefined], ['planetary-computer', ['sentinel-2-l2a'], undefined]]);
    let error: unknown;
    try { plan({ bbox: '0,0,1,1', collections: 'planetary-computer:naip', sources: 'sentinel-2' }); } catch (e) { error = e; }
    expect(isAppError(error) && error.parameter === 'collections' && error.status === 400).toBe(true);
  });

  it('gives each source only its own upstream ids', () => {
    expect(plan({ ids: 'landsat:L1,sentinel-2:S1,landsat:L2' })).toEqual([['sentinel-2', undefined, ['S1']], ['landsat', undefined, ['L1', 'L2']]]);
  });
});
