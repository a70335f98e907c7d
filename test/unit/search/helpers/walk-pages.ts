/** Follows `next` cursors through the real parser and federation, as a client walking links would. */
import type { SourceAdapter } from '../../../../electron/service/sources/types';
import { federatedSearch } from '../../../../electron/service/search/federate';
import { parseSearchQuery } from '../../../../electron/service/search/parse-search-request';
import type { FederatedSearchResult } from '../../../../electron/service/search/types';

export async function walkPages(adapters: SourceAdapter[], params: Record<string, string>, maxPages = 2000): Promise<FederatedSearchResult[]> {
  const pages: FederatedSearchResult[] = [];
  let cursor: string | null = null;
  do {
    const request = parseSearchQuery(cursor ? { ...params, cursor } : params);
    const page = await federatedSearch(adapters, request, { timeoutMs: 2000, fetch: globalThis.fetch });
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > maxPages) throw new Error(`still paging after ${maxPages} pages`);
  } while (cursor);
  return pages;
}
