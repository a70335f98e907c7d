/**
 * The STAC API fields extension as the fake catalogs apply it (stac-api-extensions/fields,
 * "Include/Exclude Semantics"): with `fields`, an item keeps a default set of attributes plus
 * those included, minus those excluded (an excluded path wins over an included one). Without
 * `fields` the item is returned whole.
 */
import type { Json } from './fixture-files';

export interface FieldsRequest {
  include: string[];
  exclude: string[];
}

/** The spec's recommended default set, plus `collection` and `stac_version` as the real servers add. */
const DEFAULT_FIELDS = ['id', 'type', 'geometry', 'bbox', 'links', 'assets', 'properties.datetime', 'collection', 'stac_version'];

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string' && entry !== '') : [];
}

/** `fields` of a POST body (an object) or a GET query (`id,-geometry`); undefined when absent. */
export function readFields(value: unknown): FieldsRequest | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    return {
      include: entries.filter((entry) => !entry.startsWith('-')).map((entry) => entry.replace(/^\+/, '')),
      exclude: entries.filter((entry) => entry.startsWith('-')).map((entry) => entry.slice(1)),
    };
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('fields must be an object with include/exclude arrays');
  const record = value as Json;
  return { include: strings(record.include), exclude: strings(record.exclude) };
}

/** Objects this module made for an answer (safe to add to); anything else belongs to the pool. */
const made = new WeakSet<object>();

/** `to[head]` as an object of the answer's own, copying a pool object before anything is added to it. */
function ownChild(to: Json, head: string): Json {
  const existing = to[head];
  if (typeof existing === 'object' && existing !== null && !Array.isArray(existing) && made.has(existing)) return existing as Json;
  const own: Json = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? { ...(existing as Json) } : {};
  made.add(own);
  to[head] = own;
  return own;
}

function copyPath(from: Json, to: Json, path: string[]): void {
  const [head, ...rest] = path;
  if (!(head in from)) return;
  if (rest.length === 0) {
    // Shared, not cloned: the answer is serialized at once, and nothing is changed in place.
    to[head] = from[head];
    return;
  }
  const child = from[head];
  if (typeof child !== 'object' || child === null || Array.isArray(child)) return;
  copyPath(child as Json, ownChild(to, head), rest);
}

function deletePath(record: Json, path: string[]): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    delete record[head];
    return;
  }
  const child = record[head];
  if (typeof child !== 'object' || child === null || Array.isArray(child)) return;
  deletePath(ownChild(record, head), rest);
}

/** Property names may contain dots after `properties.` only as one segment (e.g. `eo:cloud_cover`). */
function splitPath(path: string): string[] {
  return path.startsWith('properties.') ? ['properties', path.slice('properties.'.length)] : path.split('.');
}

export function applyFields(item: Json, fields: FieldsRequest | undefined): Json {
  if (!fields) return item;
  const out: Json = {};
  for (const path of new Set([...DEFAULT_FIELDS, ...fields.include])) copyPath(item, out, splitPath(path));
  for (const path of fields.exclude) deletePath(out, splitPath(path));
  return out;
}
