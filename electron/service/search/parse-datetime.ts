/**
 * The `datetime` search parameter: an RFC 3339 instant or a `start/end` interval whose ends may be
 * open (`..` or empty, as the STAC API allows). Bare dates are accepted: a bare start means the
 * start of that UTC day, a bare end (or a bare date on its own) the last millisecond of it.
 */
import { echo } from '../api/echo';
import { invalidParameter } from '../api/errors';

export interface DatetimeRange {
  start: string | null;
  end: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

type Edge = 'start' | 'end';

/** Returns undefined for a fully open interval (`../..`), which filters nothing. */
export function parseDatetime(raw: string): DatetimeRange | undefined {
  const text = raw.trim();
  if (text === '') throw invalidParameter('datetime', 'must not be empty');
  const parts = text.split('/');
  if (parts.length > 2) throw invalidParameter('datetime', `"${echo(raw)}" has more than one "/"; expected an instant or start/end`);
  if (parts.length === 1) {
    if (isOpen(parts[0])) throw invalidParameter('datetime', `"${echo(raw)}" is open on its own; use start/.. or ../end`);
    const start = parseEdge(parts[0], 'start');
    const end = DATE.test(parts[0]) ? parseEdge(parts[0], 'end') : start;
    return { start, end };
  }
  const start = isOpen(parts[0]) ? null : parseEdge(parts[0], 'start');
  const end = isOpen(parts[1]) ? null : parseEdge(parts[1], 'end');
  if (start === null && end === null) return undefined;
  if (start !== null && end !== null && Date.parse(start) > Date.parse(end)) {
    throw invalidParameter('datetime', `start ${echo(parts[0])} is after end ${echo(parts[1])}`);
  }
  return { start, end };
}

function isOpen(part: string): boolean {
  return part === '..' || part === '';
}

function parseEdge(part: string, edge: Edge): string {
  const date = DATE.exec(part);
  if (date) {
    const dayStart = utcMs(part, +date[1], +date[2], +date[3], 0, 0, 0);
    return new Date(edge === 'start' ? dayStart : dayStart + DAY_MS - 1).toISOString();
  }
  const m = DATE_TIME.exec(part);
  if (!m) {
    throw invalidParameter('datetime', `"${echo(part)}" is not an RFC 3339 date-time (e.g. 2024-06-01T00:00:00Z) or a date (2024-06-01)`);
  }
  const local = utcMs(part, +m[1], +m[2], +m[3], +m[4], +m[5], +m[6]);
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return new Date(local + fraction - offsetMs(m[8])).toISOString();
}

/**
 * Epoch ms of the given UTC wall-clock time; rejects impossible dates such as 2023-02-30. Any
 * RFC 3339 year 0000–9999 (Date.UTC would read years 0–99 as 1900–1999, so the year is set apart).
 */
function utcMs(part: string, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s));
  date.setUTCFullYear(y, mo - 1, d);
  const ms = date.getTime();
  const back = new Date(ms);
  const valid = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
    && h < 24 && mi < 60 && s < 60;
  if (!valid) throw invalidParameter('datetime', `"${echo(part)}" is not a valid calendar date and time`);
  return ms;
}

function offsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  if (hours > 23 || minutes > 59) throw invalidParameter('datetime', `time zone offset ${echo(zone)} is out of range`);
  return sign * (hours * 60 + minutes) * 60_000;
}
