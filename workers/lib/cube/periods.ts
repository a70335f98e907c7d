/**
 * Calendar periods for time series and temporal aggregation, after openEO
 * `aggregate_temporal_period`: a date falls into exactly one period of each kind, which has a
 * label and a first and last day (inclusive, `YYYY-MM-DD`, UTC calendar). Labels follow openEO's:
 * - day    `YYYY-DDD` (day of the year, 001–366)
 * - week   `YYYY-WW` ISO 8601 weeks: Monday to Sunday, week 01 holds the year's first Thursday,
 *          and YYYY is the ISO week-year (2024-12-30 is in 2025-01)
 * - dekad  `YYYY-NN` 01–36: days 1–10, 11–20 and 21–end of each month (openEO's text says
 *          "YYYY-00 - YYYY-36", which counts 37; we number 01–36)
 * - month  `YYYY-MM`
 * - season `YYYY-djf|mam|jja|son`; December belongs to the next year's djf (2023-12-15 → 2024-djf)
 * - year   `YYYY`
 * Dates are given as `YYYY-MM-DD` or as an RFC 3339 date-time, whose UTC date is used (pass the
 * solar day from solar-day.ts to bucket acquisitions).
 */
export type PeriodKind = 'day' | 'week' | 'dekad' | 'month' | 'season' | 'year';

export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'dekad', 'month', 'season', 'year'];

export interface Period {
  readonly kind: PeriodKind;
  readonly label: string;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  readonly end: string;
}

/**
 * A time interval of instants, both ends inclusive, null = open — the shape the service's
 * `parseDatetime` (electron/service/search/parse-datetime.ts) already returns, so it converts as is.
 */
export interface TimeInterval {
  readonly start: string | null;
  readonly end: string | null;
}

const DAY_MS = 86_400_000;
const SEASONS = ['djf', 'djf', 'mam', 'mam', 'mam', 'jja', 'jja', 'jja', 'son', 'son', 'son', 'djf'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** UTC midnight (epoch ms) of a `YYYY-MM-DD` date or of an instant's UTC date. */
export function utcDayMs(date: string): number {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = bare ? Date.UTC(+bare[1], +bare[2] - 1, +bare[3]) : Date.parse(date);
  if (!Number.isFinite(ms) || (bare && isoDay(ms) !== date)) throw new Error(`'${date}' is not a valid date`);
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function period(kind: PeriodKind, label: string, startMs: number, endMs: number): Period {
  return { kind, label, start: isoDay(startMs), end: isoDay(endMs) };
}

export function periodOf(kind: PeriodKind, date: string): Period {
  const ms = utcDayMs(date);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  switch (kind) {
    case 'day':
      return period(kind, `${y}-${pad((ms - Date.UTC(y, 0, 1)) / DAY_MS + 1, 3)}`, ms, ms);
    case 'week': {
      const monday = ms - ((d.getUTCDay() + 6) % 7) * DAY_MS;
      const thursday = new Date(monday + 3 * DAY_MS);
      const weekYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
      return period(kind, `${weekYear}-${pad(week)}`, monday, monday + 6 * DAY_MS);
    }
    case 'dekad': {
      const third = Math.min(Math.floor((day - 1) / 10), 2);
      const first = Date.UTC(y, m, third * 10 + 1);
      const last = third === 2 ? Date.UTC(y, m + 1, 0) : first + 9 * DAY_MS;
      return period(kind, `${y}-${pad(m * 3 + third + 1)}`, first, last);
    }
    case 'month':
      return period(kind, `${y}-${pad(m + 1)}`, Date.UTC(y, m, 1), Date.UTC(y, m + 1, 0));
    case 'season': {
      const since = (m + 1) % 3; // months since the season began: Dec, Mar, Jun, Sep → 0
      const first = Date.UTC(y, m - since, 1);
      const last = Date.UTC(y, m - since + 3, 0);
      return period(kind, `${new Date(last).getUTCFullYear()}-${SEASONS[m]}`, first, last);
    }
    case 'year':
      return period(kind, `${y}`, Date.UTC(y, 0, 1), Date.UTC(y, 11, 31));
    default:
      throw new Error(`unknown period '${String(kind)}': expected one of ${PERIOD_KINDS.join(', ')}`);
  }
}

/** Every period from the one holding `first` to the one holding `last`, in order (openEO's complete labels). */
export function periodsBetween(kind: PeriodKind, first: string, last: string): Period[] {
  const end = utcDayMs(last);
  const out: Period[] = [];
  for (let p = periodOf(kind, first); utcDayMs(p.start) <= end; p = periodOf(kind, isoDay(utcDayMs(p.end) + DAY_MS))) out.push(p);
  return out;
}

/** Items grouped by the period their date falls in, periods in time order, items in their given order. */
export function bucketByPeriod<T>(items: readonly T[], kind: PeriodKind, dateOf: (item: T) => string): { period: Period; items: T[] }[] {
  const buckets = new Map<string, { period: Period; items: T[] }>();
  for (const item of items) {
    const p = periodOf(kind, dateOf(item));
    const bucket = buckets.get(p.start);
    if (bucket) bucket.items.push(item);
    else buckets.set(p.start, { period: p, items: [item] });
  }
  return [...buckets.values()].sort((a, b) => (a.period.start < b.period.start ? -1 : 1));
}

/** Whether an instant lies in the interval (ends inclusive, null ends open). */
export function intervalContains(interval: TimeInterval, datetime: string): boolean {
  const t = Date.parse(datetime);
  if (!Number.isFinite(t)) throw new Error(`'${datetime}' is not a valid date-time`);
  return (interval.start === null || t >= Date.parse(interval.start)) && (interval.end === null || t <= Date.parse(interval.end));
}

/** The periods covering a closed interval (both ends needed). */
export function periodsOfInterval(kind: PeriodKind, interval: TimeInterval): Period[] {
  if (interval.start === null || interval.end === null) throw new Error('the interval must have both a start and an end');
  return periodsBetween(kind, interval.start, interval.end);
}
