import { describe, expect, it } from 'vitest';
import { decideRange, etagMatches, fileEtag } from '../../../electron/service/http/byte-range';

describe('decideRange', () => {
  const size = 1000;
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['BYTES=1-2', { kind: 'partial', start: 1, end: 2 }],
    ['bytes = 1-2', { kind: 'whole' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-2000', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Not honoured → the whole file (RFC 9110 lets a server ignore Range).
    ['bytes=5-1', { kind: 'whole' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=a-b', { kind: 'whole' }],
  ] as const)('%s → %o', (header, expected) => {
    expect(decideRange(header, size)).toEqual(expected);
  });

  it('finds nothing satisfiable in an empty file', () => {
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange(undefined, 0)).toEqual({ kind: 'whole' });
  });
});

describe('ETags', () => {
  const etag = fileEtag(1234, 1_700_000_000_123.7);
  it('change with size and modification time', () => {
    expect(etag).toBe('"4d2-18bcfe5687b"');
    expect(fileEtag(1235, 1_700_000_000_123)).not.toBe(etag);
    expect(fileEtag(1234, 1_700_000_000_124)).not.toBe(etag);
  });
  it('match If-None-Match lists, weak tags and *', () => {
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"x"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
