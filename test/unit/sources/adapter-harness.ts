/** Drives a SourceAdapter the way the federation layer does (not a test file). */
import type { SceneListPage, SceneListQuery, SourceAdapter, SourceContext, SourcePage, SourcePosition, SourceQuery } from '../../../electron/service/sources/types';
import type { StacItem } from '../../../electron/service/stac/types';

export function context(timeoutMs = 5000): SourceContext {
  return { signal: AbortSignal.timeout(timeoutMs), fetch, deadline: Date.now() + timeoutMs };
}

export function query(overrides: Partial<SourceQuery> = {}): SourceQuery {
  return { limit: 10, sortby: '-datetime', ...overrides };
}

export interface Walk {
  items: StacItem[];
  pages: SourcePage[];
  positions: Array<SourcePosition | null>;
}

/** Follows `next` until the end; positions pass through JSON as they would inside an API cursor. */
export async function walk(source: SourceAdapter, q: SourceQuery, beforePage?: (page: number) => void, maxPages = 100): Promise<Walk> {
  const result: Walk = { items: [], pages: [], positions: [] };
  let position: SourcePosition | null = null;
  for (let n = 0; n < maxPages; n += 1) {
    beforePage?.(n);
    result.positions.push(position);
    const page: SourcePage = await source.search(q, position, context());
    result.pages.push(page);
    result.items.push(...page.items);
    if (!page.next) return result;
    position = JSON.parse(JSON.stringify(page.next)) as SourcePosition;
  }
  throw new Error(`still paging after ${maxPages} pages`);
}

/** Follows an id listing (listScenes) to its end, positions through JSON as in search. */
export async function walkListing(source: SourceAdapter, q: SceneListQuery, beforePage?: (page: number) => void, maxPages = 100): Promise<SceneListPage[]> {
  if (!source.listScenes) throw new Error(`${source.id} cannot list`);
  const pages: SceneListPage[] = [];
  let position: SourcePosition | null = null;
  for (let n = 0; n < maxPages; n += 1) {
    beforePage?.(n);
    const page: SceneListPage = await source.listScenes(q, position, context());
    pages.push(page);
    if (!page.next) return pages;
    position = JSON.parse(JSON.stringify(page.next)) as SourcePosition;
  }
  throw new Error(`still listing after ${maxPages} pages`);
}

export function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}
