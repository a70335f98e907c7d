/**
 * The `sortby` parameter. The API's own forms are `-datetime` (default), `datetime` and
 * `cloud_cover`; the spellings STAC clients send are accepted too: a leading `+`, the
 * `properties.` prefix, `eo:cloud_cover`, and in POST a one-element `[{field, direction}]` array.
 */
import { echo, echoValue } from '../api/echo';
import { invalidParameter } from '../api/errors';
import type { SortBy } from '../sources/types';

const SUPPORTED = '-datetime, datetime or cloud_cover';

export function parseSortby(value: unknown, mode: 'get' | 'post'): SortBy {
  if (typeof value === 'string') return fromText(value);
  if (mode === 'post' && Array.isArray(value)) return fromFields(value);
  throw invalidParameter('sortby', `must be one of ${SUPPORTED}`);
}

function fromText(text: string): SortBy {
  const fields = text.split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (fields.length !== 1) throw invalidParameter('sortby', `sort by exactly one field: ${SUPPORTED}`);
  const field = fields[0];
  const descending = field.startsWith('-');
  return toSortBy(field.replace(/^[+-]/, ''), descending, field);
}

function fromFields(fields: unknown[]): SortBy {
  if (fields.length !== 1) throw invalidParameter('sortby', `sort by exactly one field: ${SUPPORTED}`);
  const { field, direction } = (fields[0] ?? {}) as { field?: unknown; direction?: unknown };
  if (typeof field !== 'string') throw invalidParameter('sortby', 'each entry needs a string "field"');
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
    throw invalidParameter('sortby', `direction ${echoValue(direction)} must be "asc" or "desc"`);
  }
  return toSortBy(field, direction === 'desc', `${direction === 'desc' ? '-' : ''}${field}`);
}

function toSortBy(rawField: string, descending: boolean, shown: string): SortBy {
  const field = rawField.replace(/^properties\./, '').replace(/^eo:cloud_cover$/, 'cloud_cover');
  if (field === 'datetime') return descending ? '-datetime' : 'datetime';
  if (field === 'cloud_cover' && !descending) return 'cloud_cover';
  throw invalidParameter('sortby', `"${echo(shown)}" is not supported; use ${SUPPORTED}`);
}
