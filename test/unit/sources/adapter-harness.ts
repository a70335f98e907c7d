/** Drives a SourceAdapter the way the federation layer does (not a test file). */
import type { SourceAdapter, SourceContext, SourcePage, SourcePosition, SourceQuery } from '../../../electron/service/sources/types';
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

export function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}
