import { describe, expect, it } from 'vitest';
import { canonicalJson, positionKey, queryKey } from '../../../electron/service/cache/query-fingerprint';
import type { SourceQuery } from '../../../electron/service/sources/types';

const base: SourceQuery = { bbox: [10, 20, 11, 21], datetime: { start: '2024-01-01T00:00:00Z', end: null }, cloudCoverLt: 20, collections: ['b', 'a'], ids: ['y', 'x'], limit: 10, sortby: '-datetime' };

describe('query fingerprints', () => {
  it('ignore key order, id/collection order and float noise', () => {
    const reordered: SourceQuery = { sortby: '-datetime', limit: 10, ids: ['x', 'y', 'x'], collections: ['a', 'b'], cloudCoverLt: 20, datetime: { end: null, start: '2024-01-01T00:00:00Z' }, bbox: [10.000000001, 20, 11, 21] };
    expect(queryKey('landsat', reordered)).toBe(queryKey('landsat', base));
  });

  it('change with anything that changes the results, and with the source', () => {
    const key = queryKey('landsat', base);
    expect(queryKey('sentinel-2', base)).not.toBe(key);
    for (const change of [{ limit: 11 }, { sortby: 'datetime' as const }, { cloudCoverLt: 21 }, { bbox: [10, 20, 11, 21.001] as SourceQuery['bbox'] }, { collections: ['a'] }, { datetime: undefined }]) {
      expect(queryKey('landsat', { ...base, ...change }), JSON.stringify(change)).not.toBe(key);
    }
  });

  it('key positions canonically; the first page is the empty key', () => {
    expect(positionKey(null)).toBe('');
    expect(positionKey({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(positionKey({ a: { c: 'x', d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
