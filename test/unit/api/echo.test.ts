import { describe, expect, it } from 'vitest';
import { echo, echoValue } from '../../../electron/service/api/echo';

describe('echo', () => {
  it('keeps short text and cuts long text, saying how long it was', () => {
    expect(echo('bbox')).toBe('bbox');
    const cut = echo('x'.repeat(5000));
    expect(cut.startsWith('x'.repeat(100))).toBe(true);
    expect(cut).toContain('5000 characters');
    expect(cut.length).toBeLessThan(130);
  });

  it('renders any value short, deep nesting included, without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 500_000; i += 1) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const shown = echoValue(deep);
    expect(shown.length).toBeLessThanOrEqual(101);
    expect(shown.startsWith('[[[[[[')).toBe(true);
    expect(echoValue({ type: 'Point', coordinates: [1, 2] })).toBe('{"type":"Point","coordinates":[1,2]}');
    expect(echoValue([1, 'a'.repeat(10_000)]).length).toBeLessThanOrEqual(101);
    expect(echoValue(undefined)).toBe('undefined');
  });
});
