/** The stores a cache-wrapped adapter writes to: items (with their write-behind queue) and query pages. */
import type { ItemCache } from './item-cache';
import type { QueryPageCache } from './query-page-cache';

export interface AdapterCaches {
  items: ItemCache;
  pages: QueryPageCache;
}
