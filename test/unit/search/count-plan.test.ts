import { describe, expect, it } from 'vitest';
import { collectionFamily, planCount } from '../../../electron/service/search/count-plan';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import { planStreams } from '../../../electron/service/search/plan-streams';
import { createSources } from '../../../electron/service/sources';

// Real adapters; planning does no I/O, so the URLs are never used.
const adapters = createSources({ earthSearchUrl: 'http://es.invalid', landsatLookUrl: 'http://ll.invalid', planetaryComputerUrl: 'http://pc.invalid' });

function plan(params: Record<string, string>) {
  const counted = planCount(planStreams(parseSearchQuery({ bbox: '10,40,12,42', ...params }), adapters).streams, 1000);
  return {
    reported: counted.reported.map((stream) => stream.key),
    listed: counted.listed.map((task) => task.key),
    queries: counted.listed.map((task) => task.query),
  };
}

describe('how a search is counted', () => {
  it('groups collections into families by name', () => {
    expect(['sentinel-2-l2a', 'sentinel-2-c1-l2a', 'landsat-c2-l2', 'landsat-c2l2-sr', 'naip'].map(collectionFamily))
      .toEqual(['sentinel-2', 'sentinel-2', 'landsat', 'landsat', null]);
  });

  it('lists every catalog of the default search: Sentinel-2 and Landsat are each in two of them', () => {
    expect(plan({})).toMatchObject({
      reported: [],
      listed: ['sentinel-2:sentinel-2-l2a', 'sentinel-2:sentinel-2-c1-l2a', 'landsat:landsat-c2l2-sr',
        'planetary-computer:sentinel-2-l2a', 'planetary-computer:landsat-c2-l2'],
    });
  });

  it('lists each collection with big pages and the filters, without sort or page limit', () => {
    const { queries } = plan({ sources: 'planetary-computer', datetime: '2024-01-01/2024-02-01', cloud_cover_lt: '20', limit: '5' });
    expect(queries).toEqual([
      { bbox: [10, 40, 12, 42], datetime: { start: '2024-01-01T00:00:00.000Z', end: '2024-02-01T23:59:59.999Z' }, cloudCoverLt: 20, collections: ['sentinel-2-l2a'], pageSize: 1000 },
      { bbox: [10, 40, 12, 42], datetime: { start: '2024-01-01T00:00:00.000Z', end: '2024-02-01T23:59:59.999Z' }, cloudCoverLt: 20, collections: ['landsat-c2-l2'], pageSize: 1000 },
    ]);
  });

  it('takes a counting catalog at its word when nothing else can hold its scenes', () => {
    expect(plan({ sources: 'landsat' })).toMatchObject({ reported: ['landsat'], listed: [] });
    expect(plan({ sources: 'sentinel-2', collections: 'sentinel-2-c1-l2a' })).toMatchObject({ reported: ['sentinel-2'], listed: [] });
    expect(plan({ sources: 'sentinel-2,landsat', collections: 'sentinel-2-l2a,landsat-c2l2-sr' })).toMatchObject({ reported: ['sentinel-2', 'landsat'], listed: [] });
  });

  it('lists a counting catalog whose two collections hold the same acquisitions (Earth Search l2a + c1)', () => {
    expect(plan({ sources: 'sentinel-2,landsat' })).toMatchObject({ reported: ['landsat'], listed: ['sentinel-2:sentinel-2-l2a', 'sentinel-2:sentinel-2-c1-l2a'] });
  });

  it('lists both catalogs that share a family, and Planetary Computer always (it does not count)', () => {
    expect(plan({ sources: 'landsat,planetary-computer' }).reported).toEqual([]);
    expect(plan({ sources: 'planetary-computer', collections: 'naip' })).toMatchObject({ reported: [], listed: ['planetary-computer:naip'] });
    // A collection of unknown family may hold anything: it overlaps every other stream.
    expect(plan({ sources: 'sentinel-2,planetary-computer', collections: 'sentinel-2-c1-l2a,naip' }).reported).toEqual([]);
  });

  it('lists both halves of an antimeridian search: a scene across the line is in both', () => {
    expect(plan({ bbox: '170,-10,-170,10', sources: 'landsat' })).toMatchObject({
      reported: [], listed: ['landsat/0:landsat-c2l2-sr', 'landsat/1:landsat-c2l2-sr'],
    });
  });
});
