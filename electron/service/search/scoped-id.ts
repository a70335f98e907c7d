/** The known source ids and the `<source>:<upstream id>` scene ids built on them. */
import { echo } from '../api/echo';
import { invalidParameter } from '../api/errors';
import type { SourceId } from '../stac/types';
import type { ScopedId } from './types';

/** Every source the API knows, in canonical order (also the default `sources`). */
export const KNOWN_SOURCE_IDS: readonly SourceId[] = ['sentinel-2', 'landsat', 'planetary-computer'];

export function isSourceId(value: string): value is SourceId {
  return (KNOWN_SOURCE_IDS as readonly string[]).includes(value);
}

/**
 * Splits `sentinel-2:S2A_...` at its first colon (the upstream id may contain colons itself).
 * Throws a 400 naming `parameter` when the id is malformed or its prefix is not a known source.
 */
export function parseScopedId(value: string, parameter: string): ScopedId {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) {
    throw invalidParameter(parameter, `"${echo(value)}" is not of the form <source>:<upstream id>`);
  }
  const source = value.slice(0, colon);
  if (!isSourceId(source)) {
    throw invalidParameter(parameter, `"${echo(value)}" names unknown source "${echo(source, 40)}"; known sources: ${KNOWN_SOURCE_IDS.join(', ')}`);
  }
  return { source, upstreamId: value.slice(colon + 1) };
}

export function formatScopedId(id: ScopedId): string {
  return `${id.source}:${id.upstreamId}`;
}
