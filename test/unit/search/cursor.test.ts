import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { decodeCursor, encodeCursor, requestFingerprint } from '../../../electron/service/search/cursor';
import { parseSearchQuery } from '../../../electron/service/search/parse-search-request';
import type { CursorState } from '../../../electron/service/search/types';

const request = parseSearchQuery({ bbox: '10,40,12,42', datetime: '2024-01-01/..' });
const state: CursorState = {
  fingerprint: requestFingerprint(request),
  streams: {
    'sentinel-2': { position: { next: 'abc', body: { collections: ['x'] } }, consumed: 4, exhausted: false },
    landsat: { position: null, consumed: 0, exhausted: true },
    'planetary-computer': { position: { token: 'next:x' }, consumed: 0, exhausted: false },
  },
  seen: [{ key: 'AbCdEfGhIjKl', horizon: -1704067200000 }],
  count: { matched: 123 },
};

function cursorError(token: string, fingerprint = state.fingerprint, secret?: string): string {
  try {
    decodeCursor(token, fingerprint, secret);
  } catch (error) {
    if (isAppError(error) && error.status === 400 && error.parameter === 'cursor') return error.message;
    throw error;
  }
  throw new Error('cursor was accepted');
}

describe('cursor', () => {
  it('round-trips every stream position and the remembered scenes', () => {
    const token = encodeCursor(state);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token, state.fingerprint)).toEqual(state);
  });

  it('carries an unknown count with the warning that says why', () => {
    const incomplete: CursorState = {
      ...state,
      count: { matched: null, warning: { source: 'planetary-computer', code: 'count_incomplete', message: 'matched is unknown: counting stopped after 2 listing requests' } },
    };
    expect(decodeCursor(encodeCursor(incomplete), state.fingerprint)).toEqual(incomplete);
  });

  it('is base64url JSON carrying every source position and the fingerprint', () => {
    const payload = JSON.parse(Buffer.from(encodeCursor(state).split('.')[0], 'base64url').toString('utf8'));
    expect(payload.f).toBe(state.fingerprint);
    expect(Object.keys(payload.s).sort()).toEqual(['landsat', 'planetary-computer', 'sentinel-2']);
  });

  it('rejects any edit of the payload, even one that stays valid JSON', () => {
    const [payload, tag] = encodeCursor(state).split('.');
    const edited = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    edited.s['sentinel-2'].p = { next: 'http://169.254.169.254/' };
    const forged = `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${tag}`;
    expect(cursorError(forged)).toMatch(/not a cursor this service issued/);
    const flipped = (payload[5] === 'A' ? 'B' : 'A');
    expect(cursorError(`${payload.slice(0, 5)}${flipped}${payload.slice(6)}.${tag}`)).toMatch(/not a cursor/);
  });

  it.each([['empty', ''], ['no tag', 'abc'], ['three parts', 'a.b.c'], ['not base64', '!!!.???']])('rejects %s', (_name, token) => {
    expect(cursorError(token)).toMatch(/^cursor: /);
  });

  it('rejects a cursor signed with another secret', () => {
    expect(cursorError(encodeCursor(state, 'secret-one'), state.fingerprint, 'secret-two')).toMatch(/not a cursor/);
    expect(decodeCursor(encodeCursor(state, 'secret-one'), state.fingerprint, 'secret-one')).toEqual(state);
  });

  it('rejects a cursor used with a different query', () => {
    const other = requestFingerprint(parseSearchQuery({ bbox: '10,40,12,42', datetime: '2024-01-02/..' }));
    expect(other).not.toBe(state.fingerprint);
    expect(cursorError(encodeCursor(state), other)).toMatch(/different search/);
  });

  it('gives equal fingerprints to equal searches however they were spelled', () => {
    const a = parseSearchQuery({ bbox: '10,40,12,42', sources: 'landsat,sentinel-2', sortby: '+datetime' });
    const b = parseSearchQuery({ bbox: '10.0,40,12,42.00', sources: 'sentinel-2,landsat', sortby: 'datetime' });
    expect(requestFingerprint(a)).toBe(requestFingerprint(b));
    expect(requestFingerprint(a)).not.toBe(requestFingerprint({ ...a, limit: 11 }));
  });
});
