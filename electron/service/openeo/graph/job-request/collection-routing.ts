/**
 * A job's `sources` + `collections` as the set of local openEO collections it reads — routed the
 * way the federated search routes them (search/plan-streams.ts `routeCollections`): a scoped
 * `<source>:<collection>` goes to that source, a bare collection to every selected source that
 * searches it (else to Planetary Computer), no collections = each source's defaults — and back.
 */
import { invalidParameter } from '../../../api/errors';
import { echo } from '../../../api/echo';
import { isSourceId, KNOWN_SOURCE_IDS } from '../../../search/scoped-id';
import { parseScopedCollection } from '../../../search/plan-streams';
import type { SourceId } from '../../../stac/types';
import { collectionOf, defaultCollectionsOf, inCanonicalOrder, LOCAL_COLLECTIONS, type LocalCollection } from '../local-collections';

export function sourcesField(value: unknown): SourceId[] {
  if (value === undefined || value === null) return [...KNOWN_SOURCE_IDS];
  if (!Array.isArray(value) || value.length === 0) throw invalidParameter('sources', `must be a non-empty array of ${KNOWN_SOURCE_IDS.join(', ')}`);
  for (const source of value) {
    if (typeof source !== 'string' || !isSourceId(source)) throw invalidParameter('sources', `unknown source ${echo(JSON.stringify(source))}; known: ${KNOWN_SOURCE_IDS.join(', ')}`);
  }
  return KNOWN_SOURCE_IDS.filter((source) => value.includes(source));
}

/** The local collections a job reads, in canonical order. */
export function routeJobCollections(sourcesValue: unknown, collectionsValue: unknown): LocalCollection[] {
  const sources = sourcesField(sourcesValue);
  if (collectionsValue === undefined || collectionsValue === null) {
    return inCanonicalOrder(sources.flatMap((source) => defaultCollectionsOf(source).map((upstream) => collectionOf(source, upstream) as LocalCollection)));
  }
  if (!Array.isArray(collectionsValue) || collectionsValue.length === 0) throw invalidParameter('collections', 'must be a non-empty array of collection ids');
  const routed: LocalCollection[] = [];
  for (const id of collectionsValue) {
    if (typeof id !== 'string' || id === '') throw invalidParameter('collections', 'must be collection ids such as "sentinel-2-l2a" or "planetary-computer:landsat-c2-l2"');
    const scoped = parseScopedCollection(id);
    const owners = scoped
      ? (sources.includes(scoped.source) ? [scoped.source] : [])
      : sources.filter((source) => defaultCollectionsOf(source).includes(id));
    if (scoped && owners.length === 0) throw invalidParameter('collections', `"${echo(id)}" is a collection of source ${scoped.source}, which is not among the sources`);
    if (owners.length === 0 && sources.includes('planetary-computer')) owners.push('planetary-computer');
    if (owners.length === 0) throw invalidParameter('collections', `no selected source offers collection "${echo(id)}"`);
    const upstream = scoped ? scoped.collection : id;
    for (const source of owners) {
      const local = collectionOf(source, upstream);
      if (!local) {
        throw invalidParameter('collections', `${source}:${echo(upstream)} has no openEO collection; process graphs read ${LOCAL_COLLECTIONS.map((c) => `${c.source}:${c.upstream}`).join(', ')}`);
      }
      routed.push(local);
    }
  }
  return inCanonicalOrder(routed);
}

/** The canonical `sources` (+ `collections` when they are not exactly those sources' defaults). */
export function describeCollections(collections: readonly LocalCollection[]): { sources: SourceId[]; collections?: string[] } {
  const sources = KNOWN_SOURCE_IDS.filter((source) => collections.some((c) => c.source === source));
  const defaults = inCanonicalOrder(sources.flatMap((source) => defaultCollectionsOf(source).map((upstream) => collectionOf(source, upstream) as LocalCollection)));
  const ordered = inCanonicalOrder(collections);
  const isDefault = defaults.length === ordered.length && defaults.every((c, i) => c.id === ordered[i].id);
  return isDefault ? { sources } : { sources, collections: ordered.map((c) => `${c.source}:${c.upstream}`) };
}
