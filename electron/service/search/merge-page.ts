/**
 * One API page out of several sorted upstream streams: a k-way merge that always takes the
 * smallest head (rank, then id), so every stream is consumed as a prefix and a cursor only needs
 * "how many of this stream were used". Copies of one acquisition are grouped; the group takes the
 * place of its first copy and counts as one result. Copies still ahead in their own stream (this
 * page or a later one) are consumed silently when they come up, via the cursor's `seen` list.
 *
 * Pure: when a stream runs out of buffered items before the page is decided, the outcome says
 * `need_more` and the caller fetches more and calls again with the longer buffer.
 */
import type { SourceId, StacItem } from '../stac/types';
import type { SortBy } from '../sources/types';
import { dedupeKey, hashDedupeKey, mergeCopies, type SourcedItem } from './dedupe';
import { compareRanked, DUPLICATE_RANK_TOLERANCE, sortRank } from './sort-rank';
import type { SeenScene } from './types';

/** Cap on remembered scenes, to keep cursors URL-sized (the oldest are forgotten first). */
export const MAX_SEEN_SCENES = 512;

export interface StreamCandidates {
  key: string;
  source: SourceId;
  /** Not yet consumed items, in upstream order. */
  items: StacItem[];
  /** True when nothing follows `items` upstream. */
  complete: boolean;
}

export interface MergeRequest {
  streams: StreamCandidates[];
  limit: number;
  sortby: SortBy;
  seen: SeenScene[];
  /** Set when some stream sat this page out (its source failed): it may still bring anything. */
  holdSeen?: boolean;
}

export type MergeOutcome =
  | { kind: 'need_more'; stream: string }
  | {
    kind: 'merged';
    features: StacItem[];
    /** Per stream key: how many of its `items` this page consumed. */
    consumed: Record<string, number>;
    seen: SeenScene[];
    /** True when every stream is complete and fully consumed. */
    drained: boolean;
  };

interface Entry { item: StacItem; rank: number; key: string }
interface Group { key: string; copies: SourcedItem[]; horizon: number }

export function mergePage(request: MergeRequest): MergeOutcome {
  const { streams, limit, sortby } = request;
  const entries: Entry[][] = streams.map((s) => s.items.map((item) => ({ item, rank: sortRank(item, sortby), key: dedupeKey(item) })));
  const next = streams.map(() => 0);
  const placesByKey = new Map<string, [number, number][]>();
  entries.forEach((list, s) => list.forEach((entry, j) => {
    const places = placesByKey.get(entry.key);
    if (places) places.push([s, j]);
    else placesByKey.set(entry.key, [[s, j]]);
  }));
  const seen = new Map(request.seen.map((s) => [s.key, s.horizon]));
  const groups: Group[] = [];
  const groupByKey = new Map<string, Group>();

  /** Index of the stream holding the smallest head; -1 when all are done; need_more when unknown. */
  const smallestHead = (): number | { need: string } => {
    let best = -1;
    for (let s = 0; s < streams.length; s += 1) {
      const head = entries[s][next[s]];
      if (!head) {
        if (!streams[s].complete) return { need: streams[s].key };
        continue;
      }
      if (best < 0 || compareRanked({ rank: head.rank, id: head.item.id }, rankedHead(best)) < 0) best = s;
    }
    return best;
  };
  const rankedHead = (s: number) => ({ rank: entries[s][next[s]].rank, id: entries[s][next[s]].item.id });
  const isKnown = (key: string) => groupByKey.has(key) || seen.has(hashDedupeKey(key));

  const take = (s: number): void => {
    const entry = entries[s][next[s]];
    next[s] += 1;
    const group = groupByKey.get(entry.key);
    if (group) {
      addCopy(group, { item: entry.item, source: streams[s].source }, entry.rank);
      return;
    }
    const hash = hashDedupeKey(entry.key);
    if (seen.has(hash)) {
      seen.set(hash, Math.max(seen.get(hash) ?? entry.rank, entry.rank));
      return;
    }
    const created: Group = { key: entry.key, copies: [{ item: entry.item, source: streams[s].source }], horizon: entry.rank };
    // Copies further ahead in any buffer join now, so the preferred copy is the one shown.
    for (const [t, j] of placesByKey.get(entry.key) ?? []) {
      if (j >= next[t]) addCopy(created, { item: entries[t][j].item, source: streams[t].source }, entries[t][j].rank);
    }
    groups.push(created);
    groupByKey.set(entry.key, created);
  };

  while (groups.length < limit) {
    const s = smallestHead();
    if (typeof s !== 'number') return { kind: 'need_more', stream: s.need };
    if (s < 0) break;
    take(s);
  }
  // Swallow copies of scenes already returned, so a last page is not followed by an empty one.
  for (let s = smallestHead(); typeof s === 'number' && s >= 0 && isKnown(entries[s][next[s]].key); s = smallestHead()) take(s);

  const consumed = Object.fromEntries(streams.map((stream, s) => [stream.key, next[s]]));
  const drained = streams.every((stream, s) => stream.complete && next[s] >= entries[s].length);
  for (const group of groups) seen.set(hashDedupeKey(group.key), group.horizon);
  return {
    kind: 'merged',
    features: groups.map((group) => mergeCopies(group.copies)),
    consumed,
    seen: pruneSeen(seen, request.holdSeen ? -Infinity : floorOf(entries, next, streams), DUPLICATE_RANK_TOLERANCE[sortby]),
    drained,
  };
}

function addCopy(group: Group, copy: SourcedItem, rank: number): void {
  group.horizon = Math.max(group.horizon, rank);
  if (!group.copies.some((c) => c.item.id === copy.item.id)) group.copies.push(copy);
}

/** The smallest rank any stream can still produce (streams are sorted): its next item's rank. */
function floorOf(entries: Entry[][], next: number[], streams: StreamCandidates[]): number {
  return Math.min(...streams.map((stream, s) => {
    const head = entries[s][next[s]];
    if (head) return head.rank;
    if (stream.complete) return Infinity;
    return entries[s][entries[s].length - 1]?.rank ?? -Infinity;
  }));
}

/**
 * A remembered scene can be forgotten once every stream is more than `tolerance` past its last
 * known copy: no copy of it can still come.
 */
function pruneSeen(seen: Map<string, number>, floor: number, tolerance: number): SeenScene[] {
  return [...seen]
    .filter(([, horizon]) => horizon + tolerance >= floor)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SEEN_SCENES)
    .map(([key, horizon]) => ({ key, horizon }));
}
