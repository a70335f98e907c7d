/**
 * Item Search semantics of the fake catalogs (pure): bbox / intersects / datetime / ids /
 * collections / `query` extension filters and `sortby`. Spatial tests use bounding boxes, which
 * is exact for the rectangular queries ASTRA sends and conservative for `intersects`.
 */
import type { Json } from './fixture-files';

export interface SearchParams {
  collections?: string[];
  ids?: string[];
  bbox?: number[];
  intersects?: { type: string; coordinates: unknown };
  datetime?: string;
  query?: Record<string, Record<string, unknown>>;
  sortby?: Array<{ field: string; direction?: string }>;
}

type Box = [number, number, number, number];

function positions(value: unknown, out: number[][] = []): number[][] {
  if (Array.isArray(value) && typeof value[0] === 'number') out.push(value as number[]);
  else if (Array.isArray(value)) for (const entry of value) positions(entry, out);
  return out;
}

function boxOf(coordinates: unknown): Box | undefined {
  const points = positions(coordinates);
  if (points.length === 0) return undefined;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** An item's extent as one or two boxes (two when its bbox crosses the antimeridian). */
function itemBoxes(item: Json): Box[] {
  const bbox = Array.isArray(item.bbox) && item.bbox.length >= 4 ? (item.bbox as number[]) : undefined;
  const box = bbox ? ([bbox[0], bbox[1], bbox[bbox.length === 6 ? 3 : 2], bbox[bbox.length === 6 ? 4 : 3]] as Box) : boxOf((item.geometry as Json | null)?.coordinates);
  if (!box) return [];
  return box[0] > box[2] ? [[box[0], box[1], 180, box[3]], [-180, box[1], box[2], box[3]]] : [box];
}

function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function queryBoxes(params: SearchParams): Box[] | undefined {
  if (params.bbox && params.bbox.length >= 4) {
    const b = params.bbox;
    const box: Box = b.length === 6 ? [b[0], b[1], b[3], b[4]] : [b[0], b[1], b[2], b[3]];
    return box[0] > box[2] ? [[box[0], box[1], 180, box[3]], [-180, box[1], box[2], box[3]]] : [box];
  }
  if (params.intersects) {
    const box = boxOf(params.intersects.coordinates);
    return box ? [box] : [];
  }
  return undefined;
}

/** [startMs, endMs] of an RFC 3339 instant or interval; bare dates cover their whole day (as PC pads them). */
export function parseDatetimeRange(value: string): [number, number] {
  const bound = (text: string, end: boolean): number => {
    if (text === '..' || text === '') return end ? Infinity : -Infinity;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`) + (end ? 86_400_000 - 1 : 0);
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new Error(`invalid datetime ${text}`);
    return ms;
  };
  if (!value.includes('/')) return [bound(value, false), bound(value, true)];
  const [start, end] = value.split('/');
  return [bound(start, false), bound(end, true)];
}

export function propertyOf(item: Json, field: string): unknown {
  const name = field.replace(/^properties\./, '');
  if (name === 'id' || name === 'collection') return item[name];
  return (item.properties as Json | undefined)?.[name];
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function passesOperator(value: unknown, op: string, operand: unknown): boolean {
  if (value === undefined || value === null) return false;
  switch (op) {
    case 'eq': return compareValues(value, operand) === 0;
    case 'neq': return compareValues(value, operand) !== 0;
    case 'lt': return compareValues(value, operand) < 0;
    case 'lte': return compareValues(value, operand) <= 0;
    case 'gt': return compareValues(value, operand) > 0;
    case 'gte': return compareValues(value, operand) >= 0;
    case 'in': return Array.isArray(operand) && operand.some((entry) => compareValues(value, entry) === 0);
    case 'startsWith': return String(value).startsWith(String(operand));
    case 'endsWith': return String(value).endsWith(String(operand));
    case 'contains': return String(value).includes(String(operand));
    default: throw new Error(`unsupported query operator ${op}`);
  }
}

export function matchesSearch(item: Json, params: SearchParams, ignoredQueryFields: readonly string[] = []): boolean {
  if (params.collections && !params.collections.includes(String(item.collection))) return false;
  if (params.ids && !params.ids.includes(String(item.id))) return false;
  const boxes = queryBoxes(params);
  if (boxes && !itemBoxes(item).some((box) => boxes.some((query) => boxesMeet(box, query)))) return false;
  if (params.datetime) {
    const [start, end] = parseDatetimeRange(params.datetime);
    const ms = Date.parse(String(propertyOf(item, 'datetime')));
    if (!(ms >= start && ms <= end)) return false;
  }
  for (const [field, ops] of Object.entries(params.query ?? {})) {
    if (ignoredQueryFields.includes(field)) continue;
    for (const [op, operand] of Object.entries(ops)) if (!passesOperator(propertyOf(item, field), op, operand)) return false;
  }
  return true;
}

/** Sorted copy; default `-datetime`; id descending breaks ties so pages are deterministic. */
export function sortItems(items: Json[], sortby: SearchParams['sortby']): Json[] {
  const keys = [...(sortby && sortby.length > 0 ? sortby : [{ field: 'datetime', direction: 'desc' }]), { field: 'id', direction: 'desc' }];
  return [...items].sort((a, b) => {
    for (const { field, direction } of keys) {
      const va = propertyOf(a, field);
      const vb = propertyOf(b, field);
      if (va === vb) continue;
      if (va === undefined || va === null) return 1;
      if (vb === undefined || vb === null) return -1;
      const order = field.replace(/^properties\./, '') === 'datetime' ? Date.parse(String(va)) - Date.parse(String(vb)) : compareValues(va, vb);
      if (Number.isNaN(order)) {
        // Unreadable dates sort last.
        const [aBad, bBad] = [Number.isNaN(Date.parse(String(va))), Number.isNaN(Date.parse(String(vb)))];
        if (aBad && bBad) continue;
        return aBad ? 1 : -1;
      }
      if (order !== 0) return direction === 'desc' ? -order : order;
    }
    return 0;
  });
}

export function searchPool(pool: Json[], params: SearchParams, ignoredQueryFields: readonly string[] = []): Json[] {
  return sortItems(pool.filter((item) => matchesSearch(item, params, ignoredQueryFields)), params.sortby);
}
