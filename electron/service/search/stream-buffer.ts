/**
 * The upstream pages of one stream read during one API call, starting where the cursor left it.
 * Reading is the I/O edge; turning "n items consumed" back into a StreamState is pure.
 */
import type { StacItem } from '../stac/types';
import { UpstreamFailure, type SourceContext, type SourcePosition } from '../sources/types';
import type { StreamCandidates } from './merge-page';
import type { StreamPlan } from './plan-streams';
import type { StreamState } from './types';

/**
 * Empty pages in a row (each with a `next`) after which an upstream counts as broken; PC is known
 * to return odd pages (docs/providers.md §2.5), but not endlessly.
 */
export const MAX_EMPTY_PAGES = 10;

export interface UpstreamPage {
  position: SourcePosition | null;
  items: StacItem[];
  next: SourcePosition | null;
}

export interface StreamBuffer {
  plan: StreamPlan;
  start: StreamState;
  pages: UpstreamPage[];
  /** The `matched` of the first page read in this call; undefined until one was read. */
  matched: number | null | undefined;
  /** True once any page of this call came from the local cache instead of the upstream. */
  servedFromCache: boolean;
}

export const INITIAL_STREAM_STATE: StreamState = { position: null, consumed: 0, exhausted: false };

export function createBuffer(plan: StreamPlan, start: StreamState = INITIAL_STREAM_STATE): StreamBuffer {
  return { plan, start, pages: [], matched: undefined, servedFromCache: false };
}

export function isComplete(buffer: StreamBuffer): boolean {
  if (buffer.start.exhausted) return true;
  const last = buffer.pages[buffer.pages.length - 1];
  return last !== undefined && last.next === null;
}

/** Items of the first page already used by earlier API pages (never more than it holds now). */
function skipped(buffer: StreamBuffer): number {
  return Math.min(buffer.start.consumed, buffer.pages[0]?.items.length ?? 0);
}

export function candidatesOf(buffer: StreamBuffer): StreamCandidates {
  const items = buffer.start.exhausted ? [] : buffer.pages.flatMap((page) => page.items).slice(skipped(buffer));
  return { key: buffer.plan.key, source: buffer.plan.source, items, complete: isComplete(buffer) };
}

/** Reads following upstream pages until `wanted` unconsumed items are buffered or none are left. */
export async function fillBuffer(buffer: StreamBuffer, wanted: number, ctx: SourceContext): Promise<void> {
  let emptyInARow = 0;
  while (!isComplete(buffer) && candidatesOf(buffer).items.length < wanted) {
    const last = buffer.pages[buffer.pages.length - 1];
    const position = last ? last.next : buffer.start.position;
    const page = await buffer.plan.adapter.search(buffer.plan.query, position, ctx);
    buffer.pages.push({ position, items: page.items, next: page.next });
    if (buffer.pages.length === 1) buffer.matched = page.matched;
    if (page.servedFromCache) buffer.servedFromCache = true;
    emptyInARow = page.items.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow >= MAX_EMPTY_PAGES && page.next !== null) {
      throw new UpstreamFailure(buffer.plan.source, 'upstream_error', `returned ${MAX_EMPTY_PAGES} empty pages in a row, each linking to another`);
    }
  }
}

/** Where the stream stands after this API page consumed `count` of its candidates. */
export function advanceState(buffer: StreamBuffer, count: number): StreamState {
  if (buffer.start.exhausted || buffer.pages.length === 0) return buffer.start;
  let offset = skipped(buffer) + count;
  for (const page of buffer.pages) {
    if (offset < page.items.length) return { position: page.position, consumed: offset, exhausted: false };
    offset -= page.items.length;
  }
  const last = buffer.pages[buffer.pages.length - 1];
  return last.next === null
    ? { position: null, consumed: 0, exhausted: true }
    : { position: last.next, consumed: 0, exhausted: false };
}
