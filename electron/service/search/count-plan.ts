/**
 * How a federated search is counted (docs/api.md, "How `matched` is counted"). `matched` is the
 * number of distinct acquisitions, each counted once however many catalogs hold it, so a catalog's
 * own count can stand in for listing it only where no copy of its scenes can come from elsewhere:
 * - a stream whose catalog counts (`countsMatches`), whose collections cannot hold one
 *   acquisition twice, and that shares no family of collections with any other stream of the
 *   search, is counted by the catalog's number;
 * - every other stream is listed by identifier (one listing per collection, in parallel) and its
 *   scene keys go into one set with every other listed stream's.
 * Collections are grouped into families by their name: `sentinel-2-*`, `landsat-*`. A collection
 * of no known family may hold anything, so it overlaps every stream. Pure.
 */
import type { SceneListQuery } from '../sources/types';
import type { StreamPlan } from './plan-streams';

/** One listing: a stream's query narrowed to one of its collections. */
export interface ListingTask {
  /** `<stream key>:<collection>`. */
  key: string;
  stream: StreamPlan;
  query: SceneListQuery;
}

export interface CountPlan {
  /** Streams counted by their catalog's own `matched`. */
  reported: StreamPlan[];
  /** Listings whose scene keys are counted once each. */
  listed: ListingTask[];
}

const FAMILIES: Array<[RegExp, string]> = [[/^sentinel-2-/, 'sentinel-2'], [/^landsat-/, 'landsat']];

/** The kind of acquisitions a collection holds, by its name; null = unknown (may hold anything). */
export function collectionFamily(collection: string): string | null {
  return FAMILIES.find(([pattern]) => pattern.test(collection))?.[1] ?? null;
}

export function streamCollections(stream: StreamPlan): string[] {
  return stream.query.collections ?? stream.adapter.describe().collections;
}

function familiesOf(stream: StreamPlan): Array<string | null> {
  return streamCollections(stream).map(collectionFamily);
}

/** Whether one acquisition can appear twice within the stream (two collections of one family). */
export function mayRepeatScenes(stream: StreamPlan): boolean {
  const families = familiesOf(stream);
  if (families.length < 2) return false;
  return families.includes(null) || new Set(families).size < families.length;
}

/** Whether the two streams can hold copies of the same acquisition. */
export function mayShareScenes(a: StreamPlan, b: StreamPlan): boolean {
  const [fa, fb] = [familiesOf(a), familiesOf(b)];
  if (fa.length === 0 || fb.length === 0) return false;
  return fa.includes(null) || fb.includes(null) || fa.some((family) => fb.includes(family));
}

function canUseReportedCount(stream: StreamPlan, streams: readonly StreamPlan[]): boolean {
  return stream.adapter.countsMatches === true && !mayRepeatScenes(stream)
    && streams.every((other) => other === stream || !mayShareScenes(stream, other));
}

/** The listings of one stream, one per collection (one with the adapter's defaults if it names none). */
export function listingTasks(stream: StreamPlan, pageSize: number): ListingTask[] {
  const { limit: _limit, sortby: _sortby, ...filters } = stream.query;
  const collections = streamCollections(stream);
  if (collections.length === 0) return [{ key: stream.key, stream, query: { ...filters, pageSize } }];
  return collections.map((collection) => ({
    key: `${stream.key}:${collection}`,
    stream,
    query: { ...filters, collections: [collection], pageSize },
  }));
}

export function planCount(streams: readonly StreamPlan[], pageSize: number): CountPlan {
  const reported = streams.filter((stream) => canUseReportedCount(stream, streams));
  const listed = streams.filter((stream) => !reported.includes(stream)).flatMap((stream) => listingTasks(stream, pageSize));
  return { reported, listed };
}
