import { describe, expect, it } from 'vitest';
import { choosePreferred, dedupeKey, mergeCopies } from '../../../electron/service/search/dedupe';
import { makeItem } from './helpers/scenes';

const base = { datetime: '2024-05-01T10:00:00Z', cloud: 5, bbox: [0, 0, 1, 1] as [number, number, number, number], sceneKey: 'S2B_T31UDQ_20240501T100000' };
const es = makeItem({ ...base, source: 'sentinel-2', upstreamId: 'S2B_31UDQ_20240501_0_L2A' });
const pc = makeItem({ ...base, source: 'planetary-computer', upstreamId: 'S2B_MSIL2A_20240501T100000_R022_T31UDQ', extraProperties: { a: 1, b: 2, c: 3 } });

describe('dedupe', () => {
  it('keys by scene key, or by id when there is none', () => {
    expect(dedupeKey(es)).toBe(dedupeKey(pc));
    const lone = makeItem({ ...base, sceneKey: undefined, source: 'landsat', upstreamId: 'L1' });
    expect(dedupeKey(lone)).toContain('landsat:L1');
  });

  it('prefers the producer catalog over Planetary Computer even when PC has more metadata', () => {
    expect(choosePreferred([{ item: pc, source: 'planetary-computer' }, { item: es, source: 'sentinel-2' }]).item.id).toBe(es.id);
  });

  it('prefers more metadata between copies of equal rank', () => {
    const c1 = makeItem({ ...base, source: 'sentinel-2', upstreamId: 'S2B_T31UDQ_20240501T100000_L2A', extraProperties: { 's2:extra': true } });
    expect(choosePreferred([{ item: es, source: 'sentinel-2' }, { item: c1, source: 'sentinel-2' }]).item.id).toBe(c1.id);
  });

  it('lists the other copies as alternates without touching the input items', () => {
    const merged = mergeCopies([{ item: pc, source: 'planetary-computer' }, { item: es, source: 'sentinel-2' }]);
    expect(merged.id).toBe(es.id);
    expect(merged.properties['astra:alternates']).toEqual([pc.id]);
    expect(es.properties['astra:alternates']).toBeUndefined();
    expect(mergeCopies([{ item: es, source: 'sentinel-2' }])).toBe(es);
  });
});
