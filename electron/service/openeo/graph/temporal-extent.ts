/**
 * ASTRA periods ↔ openEO temporal extents. An ASTRA period `start/end` includes its end (a bare
 * end date means the whole day, search/parse-datetime.ts); an openEO `temporal_extent` excludes
 * its end. Both become a TimeRange of epoch ms with an inclusive end; day-aligned ranges are
 * written as dates (`2024-06-01/2024-08-31` ↔ `["2024-06-01", "2024-09-01"]`), others as
 * date-times to the millisecond. Pure.
 */
import { AppError, invalidParameter, isAppError } from '../../api/errors';
import { parseDatetime } from '../../search/parse-datetime';

export interface TimeRange {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, inclusive. */
  end: number;
}

const DAY_MS = 86_400_000;

function isDayAligned(range: TimeRange): boolean {
  return range.start % DAY_MS === 0 && (range.end + 1) % DAY_MS === 0;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const instant = (ms: number): string => new Date(ms).toISOString();

/** A job's period (both ends required); errors name `parameter`. */
export function periodRange(period: unknown, parameter: string): TimeRange {
  if (typeof period !== 'string' || !period.includes('/')) {
    throw invalidParameter(parameter, 'must be an interval "start/end", e.g. "2024-06-01/2024-08-31"');
  }
  let parsed;
  try {
    parsed = parseDatetime(period);
  } catch (error) {
    if (isAppError(error)) throw new AppError(error.code, error.message.replace(/^datetime:/, `${parameter}:`), { parameter });
    throw error;
  }
  if (!parsed || parsed.start === null || parsed.end === null) throw invalidParameter(parameter, 'needs both ends (".." is not allowed for area jobs)');
  return { start: Date.parse(parsed.start), end: Date.parse(parsed.end) };
}

/** The canonical ASTRA period text of a range. */
export function formatPeriod(range: TimeRange): string {
  return isDayAligned(range) ? `${day(range.start)}/${day(range.end)}` : `${instant(range.start)}/${instant(range.end)}`;
}

/** The openEO `temporal_extent` [start, end) of a range. */
export function temporalExtentOf(range: TimeRange): [string, string] {
  return isDayAligned(range) ? [day(range.start), day(range.end + 1)] : [instant(range.start), instant(range.end + 1)];
}

/** The UTC day of an instant as a range (one scene's temporal extent). */
export function dayOf(datetime: string): TimeRange {
  const ms = Date.parse(datetime);
  if (!Number.isFinite(ms)) throw new Error(`'${datetime}' is not a date-time`);
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  return { start, end: start + DAY_MS - 1 };
}

/** Epoch ms of one end of an openEO temporal extent (a date or a date-time); undefined when malformed. */
export function instantOf(value: string): number | undefined {
  try {
    const parsed = parseDatetime(value);
    return parsed?.start ? Date.parse(parsed.start) : undefined;
  } catch {
    return undefined;
  }
}

export function intersectRanges(a: TimeRange | null, b: TimeRange | null): TimeRange | null {
  if (!a) return b;
  if (!b) return a;
  return { start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) };
}
