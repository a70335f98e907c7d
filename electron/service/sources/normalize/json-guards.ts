/** Narrowing helpers for upstream JSON, which is untrusted: every read checks its type. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function asFiniteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asStringArray(value: unknown): string[] | undefined {
  const array = asArray(value);
  if (!array) return undefined;
  const strings = array.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0);
  return strings.length === array.length ? strings : undefined;
}

/** A list of exactly `length` finite numbers (or one of several lengths). */
export function asNumberTuple(value: unknown, ...lengths: number[]): number[] | undefined {
  const array = asArray(value);
  if (!array || !lengths.includes(array.length)) return undefined;
  return array.every((entry) => asFiniteNumber(entry) !== undefined) ? (array as number[]) : undefined;
}
