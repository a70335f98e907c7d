/**
 * Quick choices for a period picker, relative to today (UTC days, both ends inclusive). Seasons are
 * the northern meteorological ones: summer June–August, winter December–February. "Last" means
 * the most recent one that has ended (or, for rolling windows, the days up to today).
 */

/** Both ends as YYYY-MM-DD (inclusive). */
export interface DayRange {
  start: string;
  end: string;
}

export interface QuickPeriod extends DayRange {
  id: string;
  label: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date));
/** The last day of a month (month may overflow, as Date.UTC allows). */
const lastOf = (year: number, month: number) => utc(year, month + 1, 0);

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** Same day `months` earlier, clamped to the month's length; then the next day (so N whole months end today). */
function monthsBefore(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const target = Math.min(d.getUTCDate(), lastOf(y, m).getUTCDate());
  return addDays(utc(y, m, target), 1);
}

export function quickPeriods(now = new Date()): QuickPeriod[] {
  const today = utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const summerYear = today > utc(y, 7, 31) ? y : y - 1;
  // Winter Dec (year − 1) … Feb (year) has ended once March begins.
  const winterEndYear = m >= 2 ? y : y - 1;
  const period = (id: string, label: string, start: Date, end: Date): QuickPeriod => ({ id, label, start: day(start), end: day(end) });
  return [
    period('last-30-days', 'Last 30 days', addDays(today, -29), today),
    period('last-3-months', 'Last 3 months', monthsBefore(today, 3), today),
    period('last-12-months', 'Last 12 months', monthsBefore(today, 12), today),
    period('this-year', 'This year so far', utc(y, 0, 1), today),
    period('last-month', 'Last month', utc(y, m - 1, 1), lastOf(y, m - 1)),
    period('last-summer', `Last summer (Jun–Aug ${summerYear})`, utc(summerYear, 5, 1), utc(summerYear, 7, 31)),
    period('summer-before', `Summer before (Jun–Aug ${summerYear - 1})`, utc(summerYear - 1, 5, 1), utc(summerYear - 1, 7, 31)),
    period('last-winter', `Last winter (Dec ${winterEndYear - 1}–Feb ${winterEndYear})`, utc(winterEndYear - 1, 11, 1), lastOf(winterEndYear, 1)),
    period('last-year', `Last year (${y - 1})`, utc(y - 1, 0, 1), utc(y - 1, 11, 31)),
  ];
}

/** The RFC 3339 interval of a range, or why there is none. */
export function periodInterval(range: DayRange): { ok: true; datetime: string } | { ok: false; reason: string } {
  const valid = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
  if (!valid(range.start) || !valid(range.end)) return { ok: false, reason: 'Choose both the first and the last day.' };
  if (range.start > range.end) return { ok: false, reason: 'The first day is after the last day.' };
  return { ok: true, datetime: `${range.start}/${range.end}` };
}

/** The quick choice a range equals, if any (so the picker can show it). */
export function matchingQuickPeriod(range: DayRange, choices: QuickPeriod[]): QuickPeriod | undefined {
  return choices.find((c) => c.start === range.start && c.end === range.end);
}
