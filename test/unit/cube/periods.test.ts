/**
 * Calendar periods against Python's datetime (ISO weeks from date.isocalendar(), day of year from
 * %j, month ends from calendar.monthrange) for every day from December 1999 to March 2033: leap
 * years, ISO years of 52 and 53 weeks, and weeks that straddle New Year.
 */
import { describe, expect, it } from 'vitest';
import {
  bucketByPeriod, intervalContains, PERIOD_KINDS, periodOf, periodsBetween, periodsOfInterval, type PeriodKind,
} from '../../../workers/lib/cube/periods';
import { runPython } from './helpers/python';

describe('periods of every day from 1999-12-01 to 2033-03-01 equal Python datetime', async () => {
  const reference = JSON.parse(await runPython('periods-reference.py', ['1999-12-01', '2033-03-01'])) as {
    dates: string[];
    periods: Record<PeriodKind, [string, string, string][]>;
  };

  it.each(PERIOD_KINDS)('%s', (kind) => {
    const ours = reference.dates.map((date) => {
      const p = periodOf(kind, date);
      return [p.label, p.start, p.end];
    });
    expect(ours).toEqual(reference.periods[kind]);
  });

  it.each(PERIOD_KINDS)('%s: periodsBetween lists each period once, in order, with no gaps', (kind) => {
    const expected = reference.periods[kind].filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0]);
    const ours = periodsBetween(kind, reference.dates[0], reference.dates[reference.dates.length - 1]).map((p) => [p.label, p.start, p.end]);
    expect(ours).toEqual(expected);
  });

  it('has the calendar cases the test is about', () => {
    const weeks = reference.periods.week.map((p) => p[0]);
    expect(weeks).toContain('2020-53');
    expect(weeks[reference.dates.indexOf('2024-12-30')]).toBe('2025-01');
    expect(reference.periods.day[reference.dates.indexOf('2024-12-31')][0]).toBe('2024-366');
    expect(reference.periods.dekad[reference.dates.indexOf('2024-02-29')]).toEqual(['2024-06', '2024-02-21', '2024-02-29']);
    expect(reference.periods.season[reference.dates.indexOf('2023-12-15')]).toEqual(['2024-djf', '2023-12-01', '2024-02-29']);
  });
});

describe('dates, buckets and intervals', () => {
  it('uses the UTC date of an instant and refuses impossible dates', () => {
    expect(periodOf('day', '2024-03-01T23:30:00-02:00').start).toBe('2024-03-02');
    expect(() => periodOf('month', '2023-02-30')).toThrow(/not a valid date/);
    expect(() => periodOf('fortnight' as PeriodKind, '2023-02-03')).toThrow(/unknown period 'fortnight'/);
  });

  it('buckets items by period in time order, keeping their order within a period', () => {
    const days = ['2024-06-12', '2024-05-31', '2024-06-01', '2024-06-30'];
    const buckets = bucketByPeriod(days, 'month', (d) => d);
    expect(buckets.map((b) => [b.period.label, b.items])).toEqual([['2024-05', ['2024-05-31']], ['2024-06', ['2024-06-12', '2024-06-01', '2024-06-30']]]);
  });

  it('takes the service datetime range as is: inclusive ends, open ends', () => {
    const summer = { start: '2024-06-01T00:00:00.000Z', end: '2024-08-31T23:59:59.999Z' };
    expect(intervalContains(summer, '2024-08-31T23:59:59.999Z')).toBe(true);
    expect(intervalContains(summer, '2024-09-01T00:00:00Z')).toBe(false);
    expect(intervalContains({ start: null, end: summer.end }, '1990-01-01T00:00:00Z')).toBe(true);
    expect(periodsOfInterval('month', summer).map((p) => p.label)).toEqual(['2024-06', '2024-07', '2024-08']);
    expect(() => periodsOfInterval('month', { start: null, end: summer.end })).toThrow(/both a start and an end/);
  });
});
