/** Reading an upstream search response: a GeoJSON FeatureCollection with links and maybe counts. */
import type { SourceId } from '../../stac/types';
import { asArray, asFiniteNumber, isRecord, type JsonRecord } from '../normalize/json-guards';
import { UpstreamFailure } from '../upstream-failure';

export interface UpstreamPage {
  features: unknown[];
  links: JsonRecord[];
  /** `numberMatched`, else the deprecated `context.matched`; undefined when the upstream does not count. */
  matched?: number;
}

export function readFeatureCollection(body: unknown, source: SourceId): UpstreamPage {
  if (!isRecord(body) || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    throw new UpstreamFailure(source, 'upstream_error', 'malformed JSON: the search response is not a GeoJSON FeatureCollection');
  }
  const context = isRecord(body.context) ? body.context : undefined;
  return {
    features: body.features,
    links: (asArray(body.links) ?? []).filter(isRecord),
    matched: asFiniteNumber(body.numberMatched) ?? asFiniteNumber(context?.matched),
  };
}

export function findLink(links: JsonRecord[], rel: string): JsonRecord | undefined {
  return links.find((link) => link.rel === rel);
}

/** A query parameter of a link's href (GET-style paging), if the href parses. */
export function linkQueryParam(link: JsonRecord, name: string): string | undefined {
  if (typeof link.href !== 'string') return undefined;
  try {
    return new URL(link.href).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}
