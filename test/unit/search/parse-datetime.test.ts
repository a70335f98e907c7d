import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../../electron/service/search/parse-datetime';

describe('parseDatetime years', () => {
  it.each([
    ['0001-01-01/..', { start: '0001-01-01T00:00:00.000Z', end: null }],
    ['0000-01-01T00:00:00Z/..', { start: '0000-01-01T00:00:00.000Z', end: null }],
    ['../0099-12-31', { start: null, end: '0099-12-31T23:59:59.999Z' }],
    ['0050-06-15T12:30:00+02:00', { start: '0050-06-15T10:30:00.000Z', end: '0050-06-15T10:30:00.000Z' }],
    ['0000-02-29', { start: '0000-02-29T00:00:00.000Z', end: '0000-02-29T23:59:59.999Z' }],
    ['9999-12-31T23:59:59.999Z/..', { start: '9999-12-31T23:59:59.999Z', end: null }],
    ['1999-01-01/2000-01-01', { start: '1999-01-01T00:00:00.000Z', end: '2000-01-01T23:59:59.999Z' }],
  ])('%s', (text, expected) => {
    expect(parseDatetime(text)).toEqual(expected);
  });

  it('keeps rejecting impossible dates in the early years too', () => {
    expect(() => parseDatetime('0001-02-29')).toThrow(/calendar/);
    expect(() => parseDatetime('0099-13-01')).toThrow(/calendar/);
    expect(() => parseDatetime('0010-01-01T24:00:00Z')).toThrow(/calendar/);
    expect(() => parseDatetime('0100-01-01/0099-12-31')).toThrow(/after end/);
  });

  it('orders early years correctly against later ones', () => {
    expect(() => parseDatetime('0099-01-01/1999-01-01')).not.toThrow();
    expect(() => parseDatetime('1999-01-01/0099-01-01')).toThrow(/after end/);
  });

  it('echoes at most about 100 characters of a bad value', () => {
    const huge = `2024-01-01${'x'.repeat(100_000)}`;
    try {
      parseDatetime(huge);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });
});
